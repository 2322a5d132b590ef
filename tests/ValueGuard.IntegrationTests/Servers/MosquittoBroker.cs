using System.Diagnostics;
using System.Net.Sockets;
using ValueGuard.Gateway.Broker;

namespace ValueGuard.IntegrationTests.Servers;

/// <summary>
/// A real mosquitto: the one <c>./test.sh</c> started (VALUEGUARD_TEST_MQTT), or one started here from
/// PATH on a free loopback port. Without mosquitto the tests fail with what to do; they never skip.
/// </summary>
public sealed class MosquittoBroker : IDisposable
{
    public const string Variable = "VALUEGUARD_TEST_MQTT";

    private readonly Process? process;
    private readonly string? workDir;

    public MosquittoBroker()
    {
        if (Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } url)
        {
            Url = new Uri(url);
            return;
        }
        var binary = new[] { "/usr/sbin/mosquitto", "/usr/bin/mosquitto", "/usr/local/sbin/mosquitto" }.FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException($"mosquitto is needed for integration tests: run ./test.sh (it installs and starts it) or apt-get install mosquitto, or set {Variable}.");
        var port = EmbeddedBroker.FreePort();
        workDir = Directory.CreateTempSubdirectory("vg-mosquitto-").FullName;
        var config = Path.Combine(workDir, "mosquitto.conf");
        File.WriteAllText(config, $"listener {port} 127.0.0.1\nallow_anonymous true\npersistence false\nmax_queued_messages 1000000\n");
        process = Process.Start(new ProcessStartInfo(binary, ["-c", config]) { RedirectStandardError = true, RedirectStandardOutput = true })!;
        Url = new Uri($"mqtt://127.0.0.1:{port}");
        BrokerStart.WaitUntilListening(process, port);
    }

    public Uri Url { get; }

    public void Dispose()
    {
        if (process is { HasExited: false }) process.Kill();
        process?.Dispose();
        if (workDir is not null) Directory.Delete(workDir, recursive: true);
    }
}

[CollectionDefinition(Name)]
public sealed class MosquittoCollection : ICollectionFixture<MosquittoBroker>
{
    public const string Name = "mosquitto";
}
