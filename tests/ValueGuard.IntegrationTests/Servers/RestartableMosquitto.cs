using System.Diagnostics;
using System.Net.Sockets;
using ValueGuard.Gateway.Broker;

namespace ValueGuard.IntegrationTests.Servers;

/// <summary>
/// A mosquitto of the test's own on a fixed free 127.0.0.1 port that can be stopped and started again, without
/// persistence: a restart forgets every session and subscription, as a broker replaced or restarted from scratch does.
/// Fails (never skips) without mosquitto.
/// </summary>
public sealed class RestartableMosquitto : IDisposable
{
    private readonly string binary;
    private readonly string config;
    private readonly string workDir;
    private readonly int port;
    private Process? process;

    public RestartableMosquitto()
    {
        binary = new[] { "/usr/sbin/mosquitto", "/usr/bin/mosquitto", "/usr/local/sbin/mosquitto" }.FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException("mosquitto is needed for the broker restart tests: run ./test.sh (it installs it) or apt-get install mosquitto.");
        port = EmbeddedBroker.FreePort();
        workDir = Directory.CreateTempSubdirectory("vg-mosquitto-restart-").FullName;
        config = Path.Combine(workDir, "mosquitto.conf");
        File.WriteAllText(config, $"listener {port} 127.0.0.1\nallow_anonymous true\npersistence false\nmax_queued_messages 1000000\n");
        Url = new Uri($"mqtt://127.0.0.1:{port}");
        Start();
    }

    public Uri Url { get; }

    public void Start()
    {
        if (process is { HasExited: false }) throw new InvalidOperationException("mosquitto is already running.");
        process?.Dispose();
        process = Process.Start(new ProcessStartInfo(binary, ["-c", config]) { RedirectStandardError = true, RedirectStandardOutput = true })!;
        BrokerStart.WaitUntilListening(process, port);
    }

    /// <summary>Kills the broker (SIGKILL): every connection drops at once.</summary>
    public void Kill()
    {
        if (process is not { HasExited: false }) return;
        process.Kill();
        process.WaitForExit();
    }

    public void Dispose()
    {
        Kill();
        process?.Dispose();
        Directory.Delete(workDir, recursive: true);
    }
}
