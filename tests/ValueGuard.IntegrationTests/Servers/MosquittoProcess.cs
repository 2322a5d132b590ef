using System.Diagnostics;
using System.Net.Sockets;
using ValueGuard.Gateway.Broker;

namespace ValueGuard.IntegrationTests.Servers;

/// <summary>
/// A mosquitto of a test's own on a fixed port, with persistence on (sessions and queued QoS 1 messages survive a
/// restart, as on a plant broker), so the test can stop it (SIGTERM: it saves its database) and start it again.
/// It runs as the test's user (mosquitto started as root would switch to user "mosquitto", which cannot write here).
/// Fails with what to install when mosquitto is missing.
/// </summary>
public sealed class MosquittoProcess : IDisposable
{
    private readonly string binary;
    private readonly string config;
    private Process? process;

    public MosquittoProcess(string directory)
    {
        binary = new[] { "/usr/sbin/mosquitto", "/usr/bin/mosquitto", "/usr/local/sbin/mosquitto" }.FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException("mosquitto is needed: run ./test.sh (it installs it) or apt-get install mosquitto.");
        Port = EmbeddedBroker.FreePort();
        Directory.CreateDirectory(directory);
        config = Path.Combine(directory, "mosquitto.conf");
        File.WriteAllText(config, $"""
            listener {Port} 127.0.0.1
            allow_anonymous true
            persistence true
            persistence_location {directory}/
            autosave_interval 1
            user {Environment.UserName}
            max_queued_messages 1000000
            max_inflight_messages 100

            """);
        Url = new Uri($"mqtt://127.0.0.1:{Port}");
    }

    public int Port { get; }

    public Uri Url { get; }

    public void Start()
    {
        process = Process.Start(new ProcessStartInfo(binary, ["-c", config]) { RedirectStandardError = true, RedirectStandardOutput = true })!;
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
        BrokerStart.WaitUntilListening(process, Port, seconds: 20);
    }

    /// <summary>SIGTERM, as <c>systemctl stop mosquitto</c>: it saves its database and exits.</summary>
    public void Stop()
    {
        if (process is { HasExited: false })
        {
            using (var kill = Process.Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])) kill.WaitForExit();
            if (!process.WaitForExit(10_000)) process.Kill();
        }
        process?.WaitForExit();
        process?.Dispose();
        process = null;
    }

    public void Dispose() => Stop();
}
