using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.Extensions.Logging.Abstractions;
using ValueGuard.Storage.Influx;

namespace ValueGuard.EndToEnd;

/// <summary>What (3) measured: the gateway end to end.</summary>
internal sealed record GatewayResult(int Messages, long PartsStored, long PointsStored, long PointsExpected, double Seconds,
    long PeakRssBytes, double CpuSeconds, string LogTail, IReadOnlyDictionary<string, int> Warnings, CpuBudget Cpu)
{
    public double MessagesPerSecond => PartsStored / Seconds;
    public double PointsPerSecond => PointsStored / Seconds;
    public long PointsLost => PointsExpected - PointsStored;
    public double CpuSecondsPer100kPoints => PointsStored == 0 ? double.NaN : CpuSeconds / PointsStored * 100_000;
}

/// <summary>
/// (3) <c>valueguard run --site</c> as a child process (50 devices on press-plc-json, store influxdb): once it
/// has subscribed and stored an unmeasured warm-up of N/10 messages, the bench publisher sends N messages and InfluxDB
/// is watched until it holds every point.
/// </summary>
internal static class GatewayRun
{
    /// <summary>Signals per press-plc-json message: running, temperature, parts.</summary>
    private const int SamplesPerMessage = 3;

    /// <summary>InfluxDB points per message: the store writes a device's samples of one instant as one point.</summary>
    private const int PointsPerMessage = 1;

    /// <summary>Gives up when InfluxDB's count has not grown for this long.</summary>
    private static readonly TimeSpan Stall = TimeSpan.FromSeconds(60);

    /// <summary>Warning and error log lines of the run, counted by event name (a stall usually names its cause here).</summary>
    private static Dictionary<string, int> WarningsByEvent(IEnumerable<string> log)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var line in log)
        {
            if (!line.StartsWith('{')) continue;
            System.Text.Json.JsonDocument json;
            try { json = System.Text.Json.JsonDocument.Parse(line); }
            catch (System.Text.Json.JsonException) { continue; }
            using var _ = json;
            var root = json.RootElement;
            var level = root.TryGetProperty("@l", out var l) ? l.GetString() : null;
            if (level is not ("Warning" or "Error" or "Fatal")) continue;
            var name = root.TryGetProperty("EventId", out var id) && id.ValueKind == System.Text.Json.JsonValueKind.Object && id.TryGetProperty("Name", out var n)
                ? n.GetString() ?? "?" : root.TryGetProperty("@mt", out var mt) ? mt.GetString() ?? "?" : "?";
            counts[name] = counts.GetValueOrDefault(name) + 1;
        }
        return counts;
    }

    /// <summary>VG_BENCH_SPOOL="max_samples_per_write: 20000" tries spool settings without editing the bench.</summary>
    private static string SpoolSetting() =>
        Environment.GetEnvironmentVariable("VG_BENCH_SPOOL") is { Length: > 0 } spool ? $", spool: {{ {spool} }}" : "";

    /// <summary>Messages sent through a fresh gateway before (3) starts its clock: a tenth of the run, whole rounds of machines.</summary>
    private static int WarmUpMessages(int count) => Math.Max(BenchPlant.Devices, count / 10 / BenchPlant.Devices * BenchPlant.Devices);

    /// <summary>
    /// Publishes the warm-up (messages count.. after the measured ones) and waits until InfluxDB holds all of it, watching
    /// the way the measurement does, so that the measured run starts with the gateway and the watcher past their start.
    /// </summary>
    private static async Task WarmUpAsync(object[] clients, InfluxWriteCounter counter, InfluxDbClient client, int count, int warmUp, Process gateway)
    {
        await BenchPlant.PublishAsync(clients, warmUp, first: count);
        var waited = Stopwatch.StartNew();
        while (await BenchPlant.CountAsync(client, "parts") < warmUp)
        {
            if (gateway.HasExited || waited.Elapsed > Stall)
                throw new InvalidOperationException($"the gateway did not store the {warmUp} warm-up messages within {Stall.TotalSeconds:F0} s");
            for (var i = 0; i < 5; i++)
            {
                await Task.Delay(100);
                await counter.PointsWrittenAsync();
            }
        }
    }

    public static async Task<GatewayResult> MeasureAsync(Uri broker, Uri influx, string profiles, string workDir, int count)
    {
        var database = "vg_e2e_" + Guid.NewGuid().ToString("N")[..8];
        var clientId = $"vg-bench-{Guid.NewGuid():N}";
        var site = Path.Combine(workDir, "site.yaml");
        await File.WriteAllTextAsync(site, $"""
            site: {BenchPlant.Site}
            broker: {"{"} url: "{broker}", client_id: {clientId} {"}"}
            data_dir: data
            device_profiles: ["{profiles}"]
            store: {"{"} kind: influxdb, url: "{influx}", database: {database}{SpoolSetting()} {"}"}
            ingest: {"{"} max_past: 3650d {"}"}
            devices:
            {BenchPlant.DeviceList()}
            """);
        using var client = new InfluxDbClient(new InfluxDbOptions { BaseAddress = influx, Database = database }, TimeProvider.System, NullLogger<InfluxDbClient>.Instance);

        var log = new ConcurrentQueue<string>();
        // VG_BENCH_GATEWAY_PREFIX="chrt -b 0" starts the gateway through a command that execs it (same process id).
        var prefix = (Environment.GetEnvironmentVariable("VG_BENCH_GATEWAY_PREFIX") ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var start = new ProcessStartInfo(prefix.Length > 0 ? prefix[0] : "dotnet") { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false, WorkingDirectory = workDir };
        foreach (var a in prefix.Skip(1).Concat(prefix.Length > 0 ? ["dotnet"] : []).Concat([Path.Combine(AppContext.BaseDirectory, "valueguard.dll"), "run", "--site", site, "--log-format", "json"]))
            start.ArgumentList.Add(a);
        // VG_BENCH_GATEWAY_ENV="NAME=value NAME2=value2" sets environment variables for the gateway process only.
        foreach (var pair in (Environment.GetEnvironmentVariable("VG_BENCH_GATEWAY_ENV") ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries))
            start.Environment[pair.Split('=', 2)[0]] = pair.Split('=', 2).ElementAtOrDefault(1) ?? "";
        using var gateway = Process.Start(start)!;
        gateway.ErrorDataReceived += (_, e) => { if (e.Data is not null) log.Enqueue(e.Data); };
        gateway.OutputDataReceived += (_, e) => { if (e.Data is not null) log.Enqueue(e.Data); };
        gateway.BeginErrorReadLine();
        gateway.BeginOutputReadLine();
        try
        {
            var waited = Stopwatch.StartNew();
            while (!log.Any(l => l.Contains("\"MqttConnected\"", StringComparison.Ordinal)))
            {
                if (gateway.HasExited || waited.Elapsed > TimeSpan.FromSeconds(60))
                    throw new InvalidOperationException("the gateway did not connect:\n" + string.Join('\n', log));
                await Task.Delay(50);
            }
            var clients = await BenchPlant.ConnectAsync(broker);
            using var counter = new InfluxWriteCounter(influx);
            // Unmeasured: a gateway runs for months, and its first messages after a start pay for setting up (buffers,
            // connections, the spool's first segment) and this bench's watching code pays for its first compilation.
            // Numbered after the measured messages, so its points add to InfluxDB's instead of being overwritten.
            var warmUp = WarmUpMessages(count);
            await WarmUpAsync(clients, counter, client, count, warmUp, gateway);
            var mosquitto = CpuBudget.PidFromEnvironment("VG_BENCH_MOSQUITTO_PID");
            var influxd = CpuBudget.PidFromEnvironment("VG_BENCH_INFLUXD_PID");
            var (brokerBefore, influxBefore, ownBefore) = (CpuBudget.CpuOf(mosquitto), CpuBudget.CpuOf(influxd), CpuBudget.OwnCpu());
            var before = ProcessSample.Read(gateway.Id);
            var writtenBefore = await counter.PointsWrittenAsync();
            var clock = Stopwatch.StartNew();
            var publishing = BenchPlant.PublishAsync(clients, count);
            var published = publishing.ContinueWith(_ => clock.Elapsed, TaskScheduler.Default);
            (ProcessSample Gateway, double Broker, double Influx, double Own) Sample() =>
                (ProcessSample.Read(gateway.Id), CpuBudget.CpuOf(mosquitto), CpuBudget.CpuOf(influxd), CpuBudget.OwnCpu());
            (ProcessSample Gateway, double Broker, double Influx, double Own)? end = null;
            long parts = 0, last = -1;
            var lastGrowth = Stopwatch.StartNew();
            long storedWhenPublished = -1;
            // Done when InfluxDB has accepted every point (its own counter, cheap to read), then checked by counting
            // them; without that counter, or when the count falls short (a retried write counts twice), by counting.
            var pointsExpected = (long)count * PointsPerMessage;
            if (writtenBefore is { } baseline)
            {
                long written = 0;
                while (written < pointsExpected && lastGrowth.Elapsed < Stall && !gateway.HasExited)
                {
                    await Task.Delay(100);
                    written = (await counter.PointsWrittenAsync() ?? baseline) - baseline;
                    if (written != last) { last = written; lastGrowth.Restart(); }
                    if (published.IsCompleted && storedWhenPublished < 0) storedWhenPublished = Math.Min(count, written / PointsPerMessage);
                }
                // Stopped and sampled before counting: a count over every point is slow and not the gateway's work.
                clock.Stop();
                end = Sample();
                parts = await BenchPlant.CountAsync(client, "parts") - warmUp;
                last = parts;
                if (parts < count) { clock.Start(); end = null; }
            }
            while (parts < count && lastGrowth.Elapsed < Stall && !gateway.HasExited)
            {
                await Task.Delay(250);
                parts = await BenchPlant.CountAsync(client, "parts") - warmUp;
                if (parts != last) { last = parts; lastGrowth.Restart(); }
                if (published.IsCompleted && storedWhenPublished < 0) storedWhenPublished = parts;
            }
            clock.Stop();
            var (after, brokerAfter, influxAfter, ownAfter) = end ?? Sample();
            var cpu = new CpuBudget(count) { WallSeconds = clock.Elapsed.TotalSeconds };
            cpu.Add("mosquitto", brokerAfter - brokerBefore);
            // The bench process also reads InfluxDB's write counter every 100 ms here; that is a small part of its figure.
            cpu.Add("bench publisher", ownAfter - ownBefore);
            cpu.Add(CpuBudget.GatewayProcess, after.CpuSeconds - before.CpuSeconds);
            cpu.Add("influxd", influxAfter - influxBefore);
            // Published well before the last point was stored: the gateway fell behind the broker. Close together: the
            // broker (serving publisher and gateway at once) set the pace.
            if (published.IsCompleted) cpu.PublisherDoneSeconds = (await published).TotalSeconds;
            cpu.StoredWhenPublisherDone = storedWhenPublished;
            await publishing;
            await BenchPlant.DisconnectAsync(clients);
            var points = await BenchPlant.CountAsync(client, null) - (long)warmUp * SamplesPerMessage;
            await client.ExecuteAsync("DROP DATABASE " + InfluxTimeSeriesStore.QuoteIdentifier(database), default);
            var seconds = parts >= count ? clock.Elapsed.TotalSeconds : (clock.Elapsed - lastGrowth.Elapsed).TotalSeconds;
            return new GatewayResult(count, parts, points, (long)count * SamplesPerMessage, seconds,
                after.PeakRssBytes, after.CpuSeconds - before.CpuSeconds, string.Join('\n', log.TakeLast(20)), WarningsByEvent(log), cpu);
        }
        finally
        {
            if (!gateway.HasExited) gateway.Kill(entireProcessTree: true);
            await gateway.WaitForExitAsync();
            await BenchPlant.ForgetSessionAsync(broker, clientId);
        }
    }
}
