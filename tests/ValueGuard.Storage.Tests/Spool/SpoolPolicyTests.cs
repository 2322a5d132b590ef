using ValueGuard.Core.Signals;
using ValueGuard.Storage.Spool;
using ValueGuard.Testing;

namespace ValueGuard.Storage.Tests.Spool;

public sealed class SpoolPolicyTests : IDisposable
{
    private static readonly SignalId Running = new("press-07", "running");
    private static readonly SignalId Temperature = new("press-07", "temperature");
    private static readonly DateTimeOffset T0 = new(2026, 3, 1, 0, 0, 0, TimeSpan.Zero);
    private readonly TempDirectory dir = new();
    private readonly ManualClock clock = new(T0);

    private SpoolOptions Full(SpoolFullPolicy policy) => new() { Directory = dir.File("spool"), SegmentBytes = 4096, MaxBytes = 8192, WhenFull = policy };

    private static Sample[] Batch(int first, int count = 3) =>
        [.. Enumerable.Range(first, count).Select(i => new Sample(i % 2 == 0 ? Running : Temperature, T0.AddSeconds(i), i))];

    public void Dispose() => dir.Dispose();

    [Fact]
    public async Task Refuse_new_writes_throws_and_drops_nothing()
    {
        using var spool = DiskSpool.Open(Full(SpoolFullPolicy.RefuseNewWrites), clock);
        var kept = 0;
        await Assert.ThrowsAsync<SpoolFullException>(async () =>
        {
            for (var i = 0; i < 1000; i++, kept++) Assert.Empty((await spool.AppendAsync(Batch(i * 3), default)).Losses);
        });

        Assert.Equal(kept * 3, spool.Health.PendingSamples);
        Assert.Equal(0, spool.Health.DroppedSamples);
        Assert.Equal(1, spool.Health.RefusedBatches);
    }

    [Fact]
    public async Task Reject_newest_keeps_what_it_holds_and_reports_the_new_batch_as_lost()
    {
        using var spool = DiskSpool.Open(Full(SpoolFullPolicy.RejectNewest), clock);
        SpoolAppendResult result;
        var i = 0;
        do result = await spool.AppendAsync(Batch(i++ * 3), default);
        while (result.Sequence is not null);

        var loss = Assert.Single(result.Losses);
        Assert.Equal(("full", "reject_newest", 1L, 3L), (loss.Reason, loss.Policy, loss.Records, loss.Samples));
        var first = (i - 1) * 3;
        Assert.Equal(T0.AddSeconds(first), loss.From);
        Assert.Equal(T0.AddSeconds(first + 2), loss.To);
        Assert.Equal([Running, Temperature], loss.Signals.Select(s => s.Signal).Order());
        Assert.Equal(0.0, spool.ReadPending(int.MaxValue)[0].Samples[0].Value);
        Assert.Equal((i - 1) * 3, spool.Health.PendingSamples);
        Assert.Equal(3, spool.Health.DroppedSamples);
    }

    [Fact]
    public async Task Drop_oldest_deletes_the_oldest_segment_reports_it_and_keeps_the_new_batch()
    {
        using var spool = DiskSpool.Open(Full(SpoolFullPolicy.DropOldest), clock);
        var appended = 0;
        SpoolAppendResult result;
        do result = await spool.AppendAsync(Batch(appended++ * 3), default);
        while (result.Losses.Count == 0);

        var loss = Assert.Single(result.Losses);
        Assert.NotNull(result.Sequence);
        Assert.Equal(("full", "drop_oldest"), (loss.Reason, loss.Policy));
        Assert.Equal(T0, loss.From);
        var pending = spool.ReadPending(int.MaxValue).SelectMany(r => r.Samples).ToList();
        Assert.Equal(loss.Samples, appended * 3 - pending.Count);
        Assert.Equal(loss.To!.Value.AddSeconds(1), pending[0].Timestamp);
        Assert.Equal((appended - 1) * 3.0, pending[^3].Value);
        Assert.InRange(spool.SizeBytes, 1, 8192);
        Assert.Equal(loss.Samples, spool.Health.DroppedSamples);
    }

    [Fact]
    public async Task Records_older_than_max_age_are_dropped_and_reported()
    {
        using var spool = DiskSpool.Open(new SpoolOptions { Directory = dir.File("spool"), SegmentBytes = 4096, MaxBytes = 65536, MaxAge = TimeSpan.FromHours(1) }, clock);
        await spool.AppendAsync(Batch(0), default);
        clock.Advance(TimeSpan.FromMinutes(40));
        await spool.AppendAsync(Batch(3), default);
        clock.Advance(TimeSpan.FromMinutes(30));

        var loss = Assert.Single(spool.DropExpired());

        Assert.Equal(("max_age", 1L, 3L), (loss.Reason, loss.Records, loss.Samples));
        Assert.Equal([3.0, 4, 5], spool.ReadPending(int.MaxValue).SelectMany(r => r.Samples).Select(s => s.Value));
        Assert.Empty(spool.DropExpired());
        Assert.Equal(TimeSpan.FromMinutes(30), spool.Health.OldestPendingAge);
    }

    [Fact]
    public async Task Health_counts_depth_in_records_and_samples_and_what_the_store_confirmed()
    {
        using var spool = DiskSpool.Open(new SpoolOptions { Directory = dir.File("spool") }, clock);
        var first = await spool.AppendAsync(Batch(0, 5), default);
        await spool.AppendAsync(Batch(5, 2), default);
        clock.Advance(TimeSpan.FromSeconds(10));
        spool.Confirm(first.Sequence!.Value);

        var h = spool.Health;

        Assert.Equal((1L, 2L, 7L, 5L), (h.PendingRecords, h.PendingSamples, h.AppendedSamples, h.ForwardedSamples));
        Assert.Equal(TimeSpan.FromSeconds(10), h.OldestPendingAge);
        Assert.True(h.ForwardedBytes > 0 && h.ForwardedBytes < h.AppendedBytes);
    }

    [Fact]
    public async Task Depth_and_samples_survive_a_restart_and_can_be_read_without_opening_the_spool()
    {
        var options = new SpoolOptions { Directory = dir.File("spool"), SegmentBytes = 4096 };
        using (var spool = DiskSpool.Open(options, clock))
            for (var i = 0; i < 50; i++) await spool.AppendAsync(Batch(i * 4, 4), default);

        var inspected = DiskSpool.Inspect(options, clock);
        using var reopened = DiskSpool.Open(options, clock);

        Assert.Equal((50L, 200L), (inspected.PendingRecords, inspected.PendingSamples));
        Assert.Equal((50L, 200L), (reopened.Health.PendingRecords, reopened.Health.PendingSamples));
        Assert.Equal(reopened.SizeBytes, inspected.SizeBytes);
        Assert.NotNull(inspected.OldestPendingAppendedAt);
    }

    [Fact]
    public void Drop_oldest_needs_room_for_two_segments()
    {
        var problems = new SpoolOptions { Directory = "x", SegmentBytes = 4096, MaxBytes = 6000, WhenFull = SpoolFullPolicy.DropOldest, MaxAge = TimeSpan.Zero }.Validate();

        Assert.Contains(problems, p => p.Contains("twice", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("spool.max_age", StringComparison.Ordinal));
    }
}
