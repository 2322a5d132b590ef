using System.Diagnostics;
using ValueGuard.Gateway.Broker;

namespace ValueGuard.IntegrationTests.Servers;

/// <summary>
/// A mosquitto of the test's own on a free 127.0.0.1 port that refuses anonymous clients and knows only the users
/// given, from a <c>password_file</c> made with <c>mosquitto_passwd -b</c> (both from the mosquitto package). It runs
/// as the test's user so it can read its files. Fails (never skips) without mosquitto.
/// </summary>
public sealed class PasswordMosquitto : IDisposable
{
    private readonly Process process;
    private readonly string workDir;
    private readonly System.Text.StringBuilder log = new();

    public PasswordMosquitto(params (string User, string Password)[] users)
    {
        var binary = new[] { "/usr/sbin/mosquitto", "/usr/bin/mosquitto", "/usr/local/sbin/mosquitto" }.FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException("mosquitto is needed: run ./test.sh (it installs it) or apt-get install mosquitto.");
        var passwd = new[] { "/usr/bin/mosquitto_passwd", "/usr/sbin/mosquitto_passwd", "/usr/local/bin/mosquitto_passwd" }.FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException("mosquitto_passwd is needed (package mosquitto): run ./test.sh or apt-get install mosquitto.");
        workDir = Directory.CreateTempSubdirectory("vg-mosquitto-pw-").FullName;
        var passwords = Path.Combine(workDir, "passwords");
        File.WriteAllText(passwords, "");
        foreach (var (user, password) in users)
        {
            using var add = Process.Start(new ProcessStartInfo(passwd, ["-b", passwords, user, password]) { RedirectStandardError = true, RedirectStandardOutput = true })!;
            var error = add.StandardError.ReadToEnd();
            add.WaitForExit();
            if (add.ExitCode != 0) throw new InvalidOperationException($"mosquitto_passwd -b failed ({add.ExitCode}): {error}");
        }
        var port = EmbeddedBroker.FreePort();
        var config = Path.Combine(workDir, "mosquitto.conf");
        File.WriteAllText(config, $"""
            listener {port} 127.0.0.1
            allow_anonymous false
            password_file {passwords}
            persistence false
            user {Environment.UserName}

            """);
        process = Process.Start(new ProcessStartInfo(binary, ["-c", config, "-v"]) { RedirectStandardError = true, RedirectStandardOutput = true })!;
        process.ErrorDataReceived += (_, e) => { lock (log) log.AppendLine(e.Data); };
        process.OutputDataReceived += (_, e) => { lock (log) log.AppendLine(e.Data); };
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
        Url = new Uri($"mqtt://127.0.0.1:{port}");
        BrokerStart.WaitUntilListening(process, port, whyExited: () => Log);
    }

    public Uri Url { get; }

    /// <summary>What mosquitto printed (-v: every connection and refusal).</summary>
    public string Log
    {
        get { lock (log) return log.ToString(); }
    }

    public void Dispose()
    {
        if (!process.HasExited) process.Kill();
        process.WaitForExit();
        process.Dispose();
        Directory.Delete(workDir, recursive: true);
    }
}
