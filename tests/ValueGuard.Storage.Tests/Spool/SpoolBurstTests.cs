using Microsoft.Extensions.Logging.Abstractions;
using ValueGuard.Core.Signals;
using ValueGuard.Storage.Embedded;
using ValueGuard.Storage.Spool;
using ValueGuard.Testing;

namespace ValueGuard.Storage.Tests.Spool;

/// <summary>
/// An ingest burst larger than the spool's largest record, or than the whole spool: it is spooled in pieces, in order,
/// instead of being refused forever (it used to stall ingest: "A batch of … bytes can never fit a spool of … bytes").
/// </summary>
public sealed class SpoolBurstTests : IDisposable
{
    private static readonly SignalId Running = new("press-07", "running");
    private static readonly DateTimeOffset T0 = new(2026, 3, 1, 0, 0, 0, TimeSpan.Zero);
    private readonly TempDirectory dir = new();
    private readonly EmbeddedTimeSeriesStore embedded;
    private readonly SwitchableStore store;

    public SpoolBurstTests()
    {
        embedded = new EmbeddedTimeSeriesStore(dir.File("samples.db"));
        store = new SwitchableStore(embedded);
    }

    public void Dispose()
    {
        embedded.Dispose();
        dir.Dispose();
    }

    /// <summary>35 bytes a sample in the spool: 600 of them are about 21 KB, against 2 KB records and an 8 KB spool.</summary>
    private static Sample[] Burst(int count = 600) => [.. Enumerable.Range(0, count).Select(i => new Sample(Running, T0.AddSeconds(i), i))];

    private SpoolOptions Small => new() { Directory = dir.File("spool"), SegmentBytes = 4096, MaxBytes = 8 * 1024 };

    private SpooledTimeSeriesStore Spooled(TimeSpan roomWait) =>
        new(DiskSpool.Open(Small, TimeProvider.System), store,
            new SpooledStoreOptions { ForwardLinger = TimeSpan.Zero, RetryDelay = TimeSpan.FromMilliseconds(5), MaxRetryDelay = TimeSpan.FromMilliseconds(20), RoomWait = roomWait },
            TimeProvider.System, NullLogger<SpooledTimeSeriesStore>.Instance);

    [Fact]
    public async Task A_batch_larger_than_the_largest_record_is_spooled_as_several_records_and_replays_whole_in_order()
    {
        var options = Small with { MaxBytes = 64 * 1024 };
        using (var spool = DiskSpool.Open(options, TimeProvider.System))
        {
            Assert.Equal(2048, spool.MaxRecordBytes);
            var result = await spool.AppendAsync(Burst(), default);
            Assert.Empty(result.Losses);
            Assert.True(spool.PendingRecords >= 11, $"{spool.PendingRecords} records");
        }

        using var reopened = DiskSpool.Open(options, TimeProvider.System);

        Assert.Equal(Burst(), reopened.ReadPending(int.MaxValue).SelectMany(r => r.Samples));
    }

    [Fact]
    public async Task A_burst_larger_than_a_refusing_spool_goes_through_it_piece_by_piece_while_the_store_takes_writes()
    {
        await using var spooled = Spooled(TimeSpan.FromSeconds(30));

        await spooled.WriteAsync(Burst(), default);

        await Eventually.WaitFor(() => spooled.PendingRecords == 0, "the spool to drain");
        Assert.Equal(600, await embedded.CountAsync(default));
        Assert.Equal(Burst(), await embedded.ReadAsync(Running, T0, T0.AddHours(1), default));
    }

    [Fact]
    public async Task With_the_store_down_the_burst_is_refused_after_the_room_wait_and_a_retry_stores_it_once()
    {
        store.Down = true;
        await using var spooled = Spooled(TimeSpan.FromMilliseconds(300));

        await Assert.ThrowsAsync<SpoolFullException>(() => spooled.WriteAsync(Burst(), default));
        store.Down = false;
        // The caller's retries, as MQTT ingest's with back-off: the first piece is refused at once while the spool is still
        // full; once the forwarder makes room the whole batch goes in, its earlier pieces a second time.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await spooled.WriteAsync(Burst(), default);
                break;
            }
            catch (SpoolFullException) when (attempt < 100)
            {
                await Task.Delay(50);
            }
        }

        await Eventually.WaitFor(() => spooled.PendingRecords == 0, "the spool to drain");
        Assert.Equal(600, await embedded.CountAsync(default));
    }

    [Fact]
    public async Task A_single_sample_larger_than_the_largest_record_is_refused_with_what_to_change()
    {
        using var spool = DiskSpool.Open(Small, TimeProvider.System);
        var huge = new Sample(new SignalId("press-07", new string('s', 3000)), T0, 1);

        var error = await Assert.ThrowsAsync<ArgumentException>(() => spool.AppendAsync([huge], default));

        Assert.Contains("raise spool.segment_bytes", error.Message, StringComparison.Ordinal);
    }
}
