using Microsoft.Extensions.Logging.Abstractions;
using ValueGuard.Core.Evidence;
using ValueGuard.Core.Signals;
using ValueGuard.Core.Storage;
using ValueGuard.Storage.Embedded;
using ValueGuard.Storage.Spool;
using ValueGuard.Testing;

namespace ValueGuard.Storage.Tests.Spool;

public sealed class SpooledTimeSeriesStoreTests : IDisposable
{
    private static readonly SignalId Running = new("press-07", "running");
    private static readonly DateTimeOffset T0 = new(2026, 3, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly SpooledStoreOptions Forwarding = new() { RetryDelay = TimeSpan.FromMilliseconds(5), MaxRetryDelay = TimeSpan.FromMilliseconds(20) };
    private readonly TempDirectory dir = new();
    private readonly EmbeddedTimeSeriesStore embedded;
    private readonly SwitchableStore store;

    public SpooledTimeSeriesStoreTests()
    {
        embedded = new EmbeddedTimeSeriesStore(dir.File("samples.db"));
        store = new SwitchableStore(embedded);
    }

    private SpoolOptions SpoolOptions => new() { Directory = dir.File("spool"), SegmentBytes = 4096, MaxBytes = 16 * 1024 };

    private readonly RecordingLosses losses = new();

    private SpooledTimeSeriesStore Spooled(SpoolOptions? options = null) =>
        new(DiskSpool.Open(options ?? SpoolOptions, TimeProvider.System), store, Forwarding, TimeProvider.System, NullLogger<SpooledTimeSeriesStore>.Instance, losses);

    private static Sample[] Batch(int first, int count = 3) =>
        [.. Enumerable.Range(first, count).Select(i => new Sample(Running, T0.AddSeconds(i), i))];

    public void Dispose()
    {
        embedded.Dispose();
        dir.Dispose();
    }

    [Fact]
    public async Task Writes_complete_while_the_store_is_down_and_drain_to_zero_when_it_is_back()
    {
        store.Down = true;
        await using var spooled = Spooled();
        for (var i = 0; i < 50; i++) await spooled.WriteAsync(Batch(i * 3), default);
        await Eventually.WaitFor(() => store.FailedWrites >= 2, "the forwarder to try the store that is down");
        Assert.Equal(0, await embedded.CountAsync(default));
        Assert.Equal(50, spooled.PendingRecords);

        store.Down = false;

        await Eventually.WaitFor(() => spooled.PendingRecords == 0, "the spool to drain");
        Assert.Equal(150, await embedded.CountAsync(default));
        Assert.Equal(Enumerable.Range(0, 150).Select(i => (double)i), (await spooled.ReadAsync(Running, T0, T0.AddDays(1), default)).Select(s => s.Value));
        // Nothing forwarded counts as pending on disk: at most the file being appended to stays, drained.
        Assert.True(Directory.GetFiles(dir.File("spool"), "*.spool").Length <= 1);
        Assert.Equal(0, DiskSpool.Inspect(SpoolOptions, TimeProvider.System).PendingSamples);
    }

    [Fact]
    public async Task While_the_forwarder_keeps_up_it_waits_a_moment_so_that_batches_go_out_together()
    {
        var lingering = Forwarding with { ForwardLinger = TimeSpan.FromSeconds(2) };
        await using (var spooled = new SpooledTimeSeriesStore(DiskSpool.Open(SpoolOptions, TimeProvider.System), store, lingering, TimeProvider.System, NullLogger<SpooledTimeSeriesStore>.Instance, losses))
        {
            for (var i = 0; i < 10; i++)
            {
                await spooled.WriteAsync(Batch(i * 3), default);
                await Task.Delay(20); // without the linger, each batch would go out on its own
            }
            await Eventually.WaitFor(() => spooled.PendingRecords == 0, "the spool to drain");
        }
        Assert.Equal(30, await embedded.CountAsync(default));
        Assert.Equal(30, store.WriteSizes.Sum());
        Assert.True(store.WriteSizes.Count <= 3, $"10 batches written 20 ms apart within the linger went out in {store.WriteSizes.Count} writes: {string.Join(", ", store.WriteSizes)}");
    }

    [Fact]
    public async Task Samples_spooled_before_a_restart_reach_the_store_after_it()
    {
        store.Down = true;
        await using (var before = Spooled())
            for (var i = 0; i < 10; i++) await before.WriteAsync(Batch(i * 3), default);

        store.Down = false;
        await using var after = Spooled();

        await Eventually.WaitFor(() => after.PendingRecords == 0, "the replayed spool to drain");
        Assert.Equal(30, await embedded.CountAsync(default));
    }

    [Fact]
    public async Task A_full_spool_makes_writes_fail_so_the_caller_stops_acknowledging()
    {
        store.Down = true;
        await using var spooled = Spooled(SpoolOptions with { MaxBytes = 4096 });

        await Assert.ThrowsAsync<SpoolFullException>(async () =>
        {
            for (var i = 0; i < 1000; i++) await spooled.WriteAsync(Batch(i * 3), default);
        });

        store.Down = false;
        await Eventually.WaitFor(() => spooled.PendingRecords == 0, "the full spool to drain");
        await spooled.WriteAsync(Batch(9000), default);
        await Eventually.WaitFor(() => spooled.PendingRecords == 0, "the new batch to be forwarded");
        Assert.Single(await spooled.ReadAsync(Running, T0.AddSeconds(9000), T0.AddSeconds(9001), default));
    }

    [Fact]
    public async Task While_the_store_is_up_samples_arrive_in_write_order()
    {
        await using var spooled = Spooled();
        for (var i = 0; i < 20; i++) await spooled.WriteAsync([new Sample(Running, T0, i)], default);

        await Eventually.WaitFor(() => spooled.PendingRecords == 0, "forwarding");

        // All twenty batches hit the same signal and time: only the last write may survive.
        Assert.Equal(19.0, Assert.Single(await spooled.ReadAsync(Running, T0, T0.AddSeconds(1), default)).Value);
    }

    [Fact]
    public async Task Under_reject_newest_a_full_spool_completes_the_write_and_records_the_dropped_batch()
    {
        store.Down = true;
        await using var spooled = Spooled(SpoolOptions with { MaxBytes = 8192, WhenFull = SpoolFullPolicy.RejectNewest });

        for (var i = 0; i < 1000; i++) await spooled.WriteAsync(Batch(i * 3), default);

        var dropped = losses.Notices.Sum(n => n.Samples);
        Assert.True(dropped > 0, "the spool should have dropped batches");
        Assert.All(losses.Notices, n => Assert.Equal("reject_newest", n.Policy));
        Assert.Equal(3000, dropped + spooled.Health.PendingSamples);
        store.Down = false;
        await Eventually.WaitFor(() => spooled.PendingRecords == 0, "the spool to drain");
        Assert.Equal(3000 - dropped, await embedded.CountAsync(default));
    }

    [Fact]
    public async Task Under_drop_oldest_the_newest_samples_reach_the_store_and_the_oldest_are_recorded_as_lost()
    {
        store.Down = true;
        await using var spooled = Spooled(SpoolOptions with { MaxBytes = 8192, WhenFull = SpoolFullPolicy.DropOldest });

        for (var i = 0; i < 1000; i++) await spooled.WriteAsync(Batch(i * 3), default);
        store.Down = false;
        await Eventually.WaitFor(() => spooled.PendingRecords == 0, "the spool to drain");

        Assert.All(losses.Notices, n => Assert.Equal("drop_oldest", n.Policy));
        Assert.Equal(T0, losses.Notices[0].From);
        var stored = await spooled.ReadAsync(Running, T0, T0.AddDays(1), default);
        Assert.Equal(2999.0, stored[^1].Value);
        Assert.Equal(3000, losses.Notices.Sum(n => n.Samples) + await embedded.CountAsync(default));
    }

    [Fact]
    public async Task While_the_store_is_down_records_past_max_age_are_dropped_by_the_forwarder_and_recorded()
    {
        store.Down = true;
        await using var spooled = Spooled(SpoolOptions with { MaxAge = TimeSpan.FromMilliseconds(200) });
        await spooled.WriteAsync(Batch(0), default);

        await Eventually.WaitFor(() => losses.Notices.Count > 0, "the expired batch to be dropped");

        var loss = Assert.Single(losses.Notices);
        Assert.Equal(("max_age", 3L), (loss.Reason, loss.Samples));
        Assert.Equal(0, spooled.PendingRecords);
    }

    private sealed class RecordingLosses : IDataLossRecorder
    {
        private readonly List<DataLossNotice> notices = [];

        public IReadOnlyList<DataLossNotice> Notices
        {
            get { lock (notices) return [.. notices]; }
        }

        public Task RecordAsync(DataLossNotice notice, DateTimeOffset at, CancellationToken cancellationToken)
        {
            lock (notices) notices.Add(notice);
            return Task.CompletedTask;
        }
    }
}
