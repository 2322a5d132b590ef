using System.Diagnostics;
using System.Globalization;
using System.Net;
using ValueGuard.Gateway.Broker;
using ValueGuard.Testing;

namespace ValueGuard.IntegrationTests.Servers;

/// <summary>
/// An influxd of a test's own, on a fixed port and data folder, so the test can stop it (SIGKILL) and
/// start it again. Fails with what to install when influxd is missing.
/// </summary>
public sealed class InfluxProcess : IDisposable
{
    private readonly string binary;
    private readonly string config;
    private Process? process;

    public InfluxProcess(string directory)
    {
        binary = new[] { "/usr/bin/influxd", "/usr/local/bin/influxd" }.FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException("influxd is needed: run ./test.sh (it installs influxdb) or apt-get install influxdb.");
        var http = EmbeddedBroker.FreePort();
        config = Path.Combine(directory, "influxdb.conf");
        File.WriteAllText(config, File.ReadAllText(Path.Combine(RepoPaths.Root, "tests", "influxdb.conf.template"))
            .Replace("@DIR@", directory, StringComparison.Ordinal)
            .Replace("@HTTP_PORT@", http.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("@RPC_PORT@", EmbeddedBroker.FreePort().ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal));
        Url = new Uri($"http://127.0.0.1:{http}");
    }

    public Uri Url { get; }

    public async Task StartAsync()
    {
        process = Process.Start(new ProcessStartInfo(binary, ["-config", config]) { RedirectStandardError = true, RedirectStandardOutput = true })!;
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                using var response = await http.GetAsync(new Uri(Url, "/ping"));
                if (response.StatusCode == HttpStatusCode.NoContent) return;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                // not up yet
            }
            if (deadline.Elapsed > TimeSpan.FromSeconds(30)) throw new InvalidOperationException($"influxd did not answer /ping at {Url} within 30 s");
            await Task.Delay(100);
        }
    }

    /// <summary>SIGKILL, as a crash or a pulled plug would.</summary>
    public void Stop()
    {
        if (process is { HasExited: false }) process.Kill();
        process?.WaitForExit();
        process?.Dispose();
        process = null;
    }

    public void Dispose() => Stop();
}
