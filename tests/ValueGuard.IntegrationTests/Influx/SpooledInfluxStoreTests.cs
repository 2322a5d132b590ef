using Microsoft.Extensions.Logging.Abstractions;
using ValueGuard.Core.Signals;
using ValueGuard.IntegrationTests.Servers;
using ValueGuard.Storage.Influx;
using ValueGuard.Storage.Spool;
using ValueGuard.Testing;

namespace ValueGuard.IntegrationTests.Influx;

/// <summary>Store-and-forward into a real InfluxDB across a network that fails and comes back.</summary>
[Collection(InfluxCollection.Name)]
public sealed class SpooledInfluxStoreTests(InfluxServer server)
{
    private static readonly SignalId Running = new("press-07", "running");
    private static readonly DateTimeOffset T0 = new(2026, 3, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Samples_written_during_an_outage_and_a_restart_all_reach_InfluxDB_once()
    {
        using var dir = new TempDirectory();
        await using var proxy = new OutageProxy(server.Url);
        await using var influx = await InfluxTestStore.StartAsync(server);
        using var throughProxy = new InfluxDbClient(
            influx.Client.Options with { BaseAddress = proxy.Url, MaxRetries = 1, RetryDelay = TimeSpan.FromMilliseconds(10), Timeout = TimeSpan.FromSeconds(5) },
            TimeProvider.System, NullLogger<InfluxDbClient>.Instance);
        var store = await InfluxTimeSeriesStore.StartAsync(throughProxy, new InfluxTimeSeriesStoreOptions { CreateDatabase = false }, NullLogger<InfluxTimeSeriesStore>.Instance, default);
        var spoolOptions = new SpoolOptions { Directory = dir.File("spool"), SegmentBytes = 4096 };
        var forwarding = new SpooledStoreOptions { RetryDelay = TimeSpan.FromMilliseconds(10), MaxRetryDelay = TimeSpan.FromMilliseconds(50) };
        SpooledTimeSeriesStore Spooled() => new(DiskSpool.Open(spoolOptions, TimeProvider.System), store, forwarding, TimeProvider.System, NullLogger<SpooledTimeSeriesStore>.Instance);

        proxy.Down = true;
        await using (var before = Spooled())
            for (var i = 0; i < 30; i++) await before.WriteAsync([.. Enumerable.Range(i * 10, 10).Select(n => new Sample(Running, T0.AddSeconds(n), n))], default);
        Assert.Empty(await influx.Store.ReadAsync(Running, T0, T0.AddDays(1), default));

        proxy.Down = false;
        await using var after = Spooled();
        await Eventually.WaitFor(() => after.PendingRecords == 0, "the spool to drain into InfluxDB");

        var stored = await influx.Store.ReadAsync(Running, T0, T0.AddDays(1), default);
        Assert.Equal(Enumerable.Range(0, 300).Select(n => (double)n), stored.Select(s => s.Value));
        // Nothing forwarded counts as pending on disk: at most the file being appended to stays, drained.
        Assert.True(Directory.GetFiles(dir.File("spool"), "*.spool").Length <= 1);
        Assert.Equal(0, DiskSpool.Inspect(spoolOptions, TimeProvider.System).PendingSamples);
    }
}
