using System.Diagnostics;
using System.Globalization;
using System.Net;
using ValueGuard.Gateway.Broker;
using ValueGuard.Testing;

namespace ValueGuard.IntegrationTests.Servers;

/// <summary>
/// A real InfluxDB 1.x: the one <c>./test.sh</c> started (VALUEGUARD_TEST_INFLUX), or an <c>influxd</c> from
/// PATH started here in a temporary folder on free loopback ports. Without it the tests fail with what to
/// install; they never skip. Each test works in a database of its own.
/// </summary>
public sealed class InfluxServer : IDisposable
{
    public const string Variable = "VALUEGUARD_TEST_INFLUX";

    private readonly Process? process;
    private readonly string? workDir;

    public InfluxServer()
    {
        if (Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } url)
        {
            Url = new Uri(url);
            WaitUntilPingAnswers();
            return;
        }
        var binary = FindInfluxd()
            ?? throw new InvalidOperationException($"InfluxDB 1.x is needed for these tests: run ./test.sh (it installs and starts it) or apt-get install influxdb, or set {Variable} to http://127.0.0.1:PORT.");
        var http = EmbeddedBroker.FreePort();
        var rpc = EmbeddedBroker.FreePort();
        workDir = Directory.CreateTempSubdirectory("vg-influxd-").FullName;
        var config = Path.Combine(workDir, "influxdb.conf");
        File.WriteAllText(config, File.ReadAllText(Path.Combine(RepoPaths.Root, "tests", "influxdb.conf.template"))
            .Replace("@DIR@", workDir, StringComparison.Ordinal)
            .Replace("@HTTP_PORT@", http.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("@RPC_PORT@", rpc.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal));
        process = Process.Start(new ProcessStartInfo(binary, ["-config", config]) { RedirectStandardError = true, RedirectStandardOutput = true })!;
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
        Url = new Uri($"http://127.0.0.1:{http}");
        WaitUntilPingAnswers();
    }

    public Uri Url { get; }

    /// <summary>A database name no other test uses.</summary>
    public static string NewDatabaseName() => "vg_test_" + Guid.NewGuid().ToString("N")[..12];

    private static string? FindInfluxd() =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator)
            .Concat(["/usr/bin", "/usr/local/bin"])
            .Select(dir => Path.Combine(dir, "influxd"))
            .FirstOrDefault(File.Exists);

    private void WaitUntilPingAnswers()
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = Stopwatch.StartNew();
        var last = "no answer";
        while (deadline.Elapsed < TimeSpan.FromSeconds(30))
        {
            if (process is { HasExited: true }) throw new InvalidOperationException($"influxd exited with code {process.ExitCode} before answering /ping at {Url}.");
            try
            {
                // A fixture's constructor is synchronous, so the synchronous Send instead of blocking on a task.
                using var response = http.Send(new HttpRequestMessage(HttpMethod.Get, new Uri(Url, "/ping")));
                if (response.StatusCode == HttpStatusCode.NoContent) return;
                last = $"{(int)response.StatusCode}";
            }
            catch (HttpRequestException ex)
            {
                last = ex.Message;
            }
            Thread.Sleep(100);
        }
        throw new InvalidOperationException($"InfluxDB at {Url} did not answer /ping with 204 within 30 s (last: {last}).");
    }

    public void Dispose()
    {
        if (process is { HasExited: false }) process.Kill();
        process?.Dispose();
        if (workDir is not null) Directory.Delete(workDir, recursive: true);
    }
}

[CollectionDefinition(Name)]
public sealed class InfluxCollection : ICollectionFixture<InfluxServer>
{
    public const string Name = "influxdb";
}
