using Microsoft.Extensions.Logging.Abstractions;
using ValueGuard.Configuration.Sites;
using ValueGuard.Core.Signals;
using ValueGuard.Gateway.Hosting;
using ValueGuard.IntegrationTests.Servers;
using ValueGuard.Storage.Spool;
using ValueGuard.Testing;

namespace ValueGuard.IntegrationTests.Faults;

/// <summary>Needs: InfluxDB. A spool damaged by a power cut: the gateway starts, keeps every intact record and records the loss.</summary>
[Collection(InfluxCollection.Name)]
public class SpoolDamageTests(InfluxServer influx)
{
    [Fact]
    public async Task A_torn_spool_tail_keeps_the_intact_records_and_is_recorded_in_the_ledger()
    {
        using var dir = new TempDirectory();
        var (model, errors) = SiteModelLoader.Load(Path.Combine(RepoPaths.Examples, "site.yaml"));
        Assert.Empty(errors);
        var site = model! with
        {
            Site = model.Site with
            {
                DataDirectory = dir.File("data"),
                Store = new StoreConfig(influx.Url, InfluxServer.NewDatabaseName(), null, null, null, null),
            },
        };
        var running = new SignalId("press-07", "running");
        var t0 = new DateTimeOffset(2026, 3, 1, 0, 0, 0, TimeSpan.Zero);
        using (var spool = DiskSpool.Open(new SpoolOptions { Directory = dir.File("data/spool") }, TimeProvider.System))
        {
            for (var batch = 0; batch < 3; batch++)
                await spool.AppendAsync([.. Enumerable.Range(0, 10).Select(i => new Sample(running, t0.AddMinutes(batch * 10 + i), 1))], default);
        }
        var segment = Directory.GetFiles(dir.File("data/spool"), "*.spool").Single();
        using (var stream = new FileStream(segment, FileMode.Open)) stream.SetLength(stream.Length - 7); // the last batch torn

        await using var runtime = await GatewayRuntime.OpenAsync(site, TimeProvider.System, NullLoggerFactory.Instance, default);
        await runtime.RecordStartupLossesAsync(t0, default);
        var waited = System.Diagnostics.Stopwatch.StartNew();
        IReadOnlyList<Sample> stored;
        while ((stored = await runtime.Store.ReadAsync(running, t0, t0.AddHours(1), default)).Count < 20 && waited.Elapsed < TimeSpan.FromSeconds(30))
            await Task.Delay(100);

        Assert.Equal(20, stored.Count);
        var notice = File.ReadLines(dir.File("data/ledger.jsonl")).Single(l => l.Contains("\"kind\":\"data-loss\"", StringComparison.Ordinal));
        Assert.Contains("\"source\":\"spool\"", notice);
        Assert.Contains("\"records_kept\":2", notice);
        Assert.Contains("\"records_cut\":0", notice); // a torn record has no end: its loss is counted in bytes
        Assert.Contains("\"uncounted_bytes\":", notice);
        Assert.DoesNotContain("\"uncounted_bytes\":0", notice);
    }
}
