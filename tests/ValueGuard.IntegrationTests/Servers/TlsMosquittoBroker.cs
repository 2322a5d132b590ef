using System.Diagnostics;
using System.Net.Sockets;
using ValueGuard.Gateway.Broker;

namespace ValueGuard.IntegrationTests.Servers;

/// <summary>
/// A mosquitto started by the test itself with only a TLS listener on a free 127.0.0.1 port that requires a
/// client certificate from the plant CA (<c>require_certificate true</c>). Also holds a second, unrelated CA
/// for the certificates that must be refused. Fails (never skips) without mosquitto.
/// </summary>
public sealed class TlsMosquittoBroker : IDisposable
{
    private readonly Process process;
    private readonly System.Text.StringBuilder log = new();

    public TlsMosquittoBroker()
    {
        var binary = new[] { "/usr/sbin/mosquitto", "/usr/bin/mosquitto", "/usr/local/sbin/mosquitto" }.FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException("mosquitto is needed for the TLS tests: run ./test.sh (it installs it) or apt-get install mosquitto.");
        WorkDirectory = Directory.CreateTempSubdirectory("vg-mosquitto-tls-").FullName;
        PlantCa = new TestCertificateAuthority(WorkDirectory, "plant-ca");
        OtherCa = new TestCertificateAuthority(WorkDirectory, "other-ca");
        var (serverCertificate, serverKey) = PlantCa.Issue("broker", server: true);
        Client = PlantCa.Issue("gateway", server: false);
        ForeignClient = OtherCa.Issue("intruder", server: false);
        // Run as root, mosquitto drops to its own user before reading the key files; these are throw-away keys.
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(WorkDirectory, (UnixFileMode)0b111_101_101);
            foreach (var f in Directory.GetFiles(WorkDirectory)) File.SetUnixFileMode(f, (UnixFileMode)0b110_100_100);
        }
        var port = EmbeddedBroker.FreePort();
        var config = Path.Combine(WorkDirectory, "mosquitto.conf");
        File.WriteAllText(config, $"""
            listener {port} 127.0.0.1
            cafile {PlantCa.CertificateFile}
            certfile {serverCertificate}
            keyfile {serverKey}
            require_certificate true
            tls_version tlsv1.2
            allow_anonymous true
            persistence false
            max_queued_messages 100000
            """);
        process = Process.Start(new ProcessStartInfo(binary, ["-c", config]) { RedirectStandardError = true, RedirectStandardOutput = true })!;
        process.ErrorDataReceived += (_, e) => { lock (log) log.AppendLine(e.Data); };
        process.OutputDataReceived += (_, e) => { lock (log) log.AppendLine(e.Data); };
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
        Url = new Uri($"mqtts://127.0.0.1:{port}");
        BrokerStart.WaitUntilListening(process, port, whyExited: () => Log);
    }

    public string WorkDirectory { get; }

    /// <summary>What mosquitto wrote so far (connections, refusals), for failure messages.</summary>
    public string Log
    {
        get { lock (log) return log.ToString(); }
    }

    public Uri Url { get; }

    public TestCertificateAuthority PlantCa { get; }

    public TestCertificateAuthority OtherCa { get; }

    /// <summary>A client certificate the broker accepts (issued by the plant CA).</summary>
    public (string CertificateFile, string KeyFile) Client { get; }

    /// <summary>A client certificate from another CA, which the broker must refuse.</summary>
    public (string CertificateFile, string KeyFile) ForeignClient { get; }

    public void Dispose()
    {
        if (!process.HasExited) process.Kill();
        process.Dispose();
        PlantCa.Dispose();
        OtherCa.Dispose();
        Directory.Delete(WorkDirectory, recursive: true);
    }
}
