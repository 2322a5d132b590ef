using ValueGuard.Core.Signals;
using ValueGuard.Storage.Spool;
using ValueGuard.Testing;

namespace ValueGuard.Storage.Tests.Spool;

public sealed class DiskSpoolTests : IDisposable
{
    private static readonly SignalId Running = new("press-07", "running");
    private static readonly DateTimeOffset T0 = new(2026, 3, 1, 0, 0, 0, TimeSpan.Zero);
    private readonly TempDirectory dir = new();
    private readonly ManualClock clock = new(T0);

    private SpoolOptions Options => new() { Directory = dir.File("spool"), SegmentBytes = 4096, MaxBytes = 64 * 1024 };

    private DiskSpool Open(SpoolOptions? options = null) => DiskSpool.Open(options ?? Options, clock);

    private static Sample[] Batch(int first, int count = 3) =>
        [.. Enumerable.Range(first, count).Select(i => new Sample(Running, T0.AddSeconds(i), i))];

    private string[] SegmentFiles() => [.. Directory.GetFiles(dir.File("spool"), "*.spool").Order()];

    public void Dispose() => dir.Dispose();

    [Fact]
    public async Task Spool_replays_in_order_after_restart()
    {
        using (var spool = Open())
            for (var i = 0; i < 40; i++) await spool.AppendAsync(Batch(i * 3), default);

        using var reopened = Open();

        Assert.True(SegmentFiles().Length > 1, "the test should span several segments");
        var records = reopened.ReadPending(int.MaxValue);
        Assert.Equal(Enumerable.Range(0, 120).Select(i => (double)i), records.SelectMany(r => r.Samples).Select(s => s.Value));
        Assert.Equal(Batch(0), records[0].Samples);
        Assert.False(reopened.Recovery.LostAnything);
        Assert.Equal(40, reopened.Recovery.RecordsKept);
    }

    [Fact]
    public async Task A_torn_tail_keeps_every_whole_record_and_reports_the_lost_bytes_once()
    {
        var file = await ThreeRecords();
        var recordBytes = (new FileInfo(file).Length - 8) / 3;
        using (var stream = new FileStream(file, FileMode.Open)) stream.SetLength(stream.Length - 10);

        using (var reopened = Open())
        {
            Assert.Equal([0.0, 1, 2, 3, 4, 5], Values(reopened));
            Assert.Equal(recordBytes - 10, reopened.Recovery.LostBytes);
            Assert.Equal(1, reopened.Recovery.DamagedRegions);
            // A torn record has no end to count its samples by: the loss is known in bytes only.
            Assert.Equal(0, reopened.Recovery.RecordsCut);
            Assert.Equal(recordBytes - 10, reopened.Recovery.UncountedBytes);
            await reopened.AppendAsync(Batch(100), default);
        }
        using var again = Open();

        Assert.False(again.Recovery.LostAnything);
        Assert.Equal([0.0, 1, 2, 3, 4, 5, 100, 101, 102], Values(again));
    }

    [Fact]
    public async Task A_flipped_payload_byte_loses_that_record_only()
    {
        var file = await ThreeRecords();
        var recordBytes = (int)(new FileInfo(file).Length - 8) / 3;
        FlipByte(file, 8 + recordBytes + 20);

        using var reopened = Open();

        Assert.Equal([0.0, 1, 2, 6, 7, 8], Values(reopened));
        Assert.Equal(recordBytes, reopened.Recovery.LostBytes);
        Assert.Equal(1, reopened.Recovery.DamagedRegions);
        // The byte is in a device name: the record's length and layout still count its samples exactly.
        Assert.Equal(1, reopened.Recovery.RecordsCut);
        Assert.Equal(3, reopened.Recovery.SamplesCut);
        Assert.Equal(0, reopened.Recovery.UncountedBytes);
    }

    [Fact]
    public async Task A_record_whose_layout_is_damaged_is_counted_as_a_record_and_its_samples_as_bytes()
    {
        var file = await ThreeRecords();
        var recordBytes = (int)(new FileInfo(file).Length - 8) / 3;
        FlipByte(file, 8 + recordBytes + 12); // record 2: the length of its first device name

        using var reopened = Open();

        Assert.Equal([0.0, 1, 2, 6, 7, 8], Values(reopened));
        Assert.Equal(1, reopened.Recovery.RecordsCut);
        Assert.Equal(0, reopened.Recovery.SamplesCut);
        Assert.Equal(recordBytes, reopened.Recovery.UncountedBytes);
    }

    [Fact]
    public async Task Two_damaged_records_in_a_row_are_counted_one_by_one_with_their_samples()
    {
        var file = await ThreeRecords();
        var recordBytes = (int)(new FileInfo(file).Length - 8) / 3;
        FlipByte(file, 8 + recordBytes + 30); // record 2: a value byte
        FlipByte(file, 8 + 2 * recordBytes + 40); // record 3: a value byte

        using var reopened = Open();

        Assert.Equal([0.0, 1, 2], Values(reopened));
        Assert.Equal(2L * recordBytes, reopened.Recovery.LostBytes);
        Assert.Equal(1, reopened.Recovery.DamagedRegions);
        Assert.Equal(2, reopened.Recovery.RecordsCut);
        Assert.Equal(6, reopened.Recovery.SamplesCut);
        Assert.Equal(0, reopened.Recovery.UncountedBytes);
    }

    [Fact]
    public async Task A_flipped_length_byte_is_caught_and_the_records_after_it_are_found_again()
    {
        var file = await ThreeRecords();
        var recordBytes = (int)(new FileInfo(file).Length - 8) / 3;
        FlipByte(file, 8 + recordBytes);

        using var reopened = Open();

        Assert.Equal([0.0, 1, 2, 6, 7, 8], Values(reopened));
        Assert.Equal(recordBytes, reopened.Recovery.LostBytes);
        // The length no longer frames the record: its samples are not counted, its bytes are.
        Assert.Equal(0, reopened.Recovery.RecordsCut);
        Assert.Equal(recordBytes, reopened.Recovery.UncountedBytes);
    }

    [Fact]
    public async Task A_torn_tail_with_a_flipped_byte_before_it_loses_both_and_keeps_the_first_record()
    {
        var file = await ThreeRecords();
        var recordBytes = (int)(new FileInfo(file).Length - 8) / 3;
        FlipByte(file, 8 + recordBytes + 12);
        using (var stream = new FileStream(file, FileMode.Open)) stream.SetLength(stream.Length - 5);

        using var reopened = Open();

        Assert.Equal([0.0, 1, 2], Values(reopened));
        Assert.Equal(2L * recordBytes - 5, reopened.Recovery.LostBytes);
        Assert.Equal(0, reopened.Recovery.RecordsCut); // a name length was hit and the last record is torn
        Assert.Equal(2L * recordBytes - 5, reopened.Recovery.UncountedBytes);
    }

    [Fact]
    public async Task A_segment_is_deleted_only_when_all_its_records_are_confirmed()
    {
        using var spool = Open();
        for (var i = 0; i < 40; i++) await spool.AppendAsync(Batch(i * 3), default);
        var files = SegmentFiles();
        var firstSegmentRecords = RecordsIn(files[0]);

        spool.Confirm(firstSegmentRecords - 2);
        Assert.True(File.Exists(files[0]));

        spool.Confirm(firstSegmentRecords - 1);
        Assert.False(File.Exists(files[0]));
        Assert.True(File.Exists(files[1]));
        Assert.Equal(40 - firstSegmentRecords, spool.PendingRecords);
    }

    [Fact]
    public async Task Confirming_everything_leaves_no_files_and_a_restart_replays_nothing()
    {
        using (var spool = Open())
        {
            var last = 0L;
            for (var i = 0; i < 40; i++) last = (await spool.AppendAsync(Batch(i * 3), default)).Sequence!.Value;
            spool.Confirm(last);
            // While open, the drained segment being appended to stays, with a drain mark after its forwarded records.
            var file = Assert.Single(SegmentFiles());
            Assert.Equal(new FileInfo(file).Length, spool.SizeBytes);
            Assert.Equal(0, spool.PendingRecords);
            Assert.Equal(0, DiskSpool.Inspect(Options, clock).PendingSamples);
        }

        Assert.Empty(SegmentFiles());
        using var reopened = Open();
        Assert.Empty(reopened.ReadPending(int.MaxValue));
    }

    [Fact]
    public async Task After_a_crash_only_the_batches_since_the_last_drain_come_back()
    {
        using var spool = Open();
        var forwarded = 0L;
        for (var i = 0; i < 5; i++) forwarded = (await spool.AppendAsync(Batch(i * 3), default)).Sequence!.Value;
        spool.Confirm(forwarded);
        await spool.AppendAsync(Batch(300), default);
        await spool.AppendAsync(Batch(303), default);

        // The files as a crash leaves them: the spool is still open, nothing was closed or cut.
        var copy = dir.File("after-crash");
        Directory.CreateDirectory(copy);
        foreach (var file in SegmentFiles()) File.Copy(file, Path.Combine(copy, Path.GetFileName(file)));
        using var restarted = Open(Options with { Directory = copy });

        Assert.Equal([300.0, 301, 302, 303, 304, 305], Values(restarted));
        Assert.False(restarted.Recovery.LostAnything);
        Assert.Equal(2, restarted.Recovery.RecordsKept);
        Assert.Equal(6, DiskSpool.Inspect(Options, clock).PendingSamples);
    }

    [Fact]
    public async Task Damage_before_the_last_drain_is_not_reported_as_a_loss()
    {
        using var spool = Open();
        var forwarded = (await spool.AppendAsync(Batch(0), default)).Sequence!.Value;
        spool.Confirm(forwarded);
        await spool.AppendAsync(Batch(100), default);
        var file = Assert.Single(SegmentFiles());
        var copy = dir.File("damaged");
        Directory.CreateDirectory(copy);
        var bytes = File.ReadAllBytes(file);
        bytes[8 + 8 + 2] ^= 0xFF; // inside the forwarded record's payload
        File.WriteAllBytes(Path.Combine(copy, Path.GetFileName(file)), bytes);

        using var restarted = Open(Options with { Directory = copy });

        Assert.Equal([100.0, 101, 102], Values(restarted));
        Assert.False(restarted.Recovery.LostAnything);
    }

    [Fact]
    public async Task A_drained_segment_that_fills_up_is_replaced_and_deleted()
    {
        using var spool = Open();
        var seen = new HashSet<string>();
        for (var i = 0; i < 300; i++)
        {
            var sequence = (await spool.AppendAsync(Batch(i * 3), default)).Sequence!.Value;
            spool.Confirm(sequence);
            var files = SegmentFiles();
            Assert.Single(files);
            Assert.InRange(new FileInfo(files[0]).Length, 8, Options.SegmentBytes);
            seen.UnionWith(files);
        }

        Assert.True(seen.Count > 1, "the test should fill more than one segment");
        Assert.Equal(0, DiskSpool.Inspect(Options, clock).PendingSamples);
    }

    [Fact]
    public async Task A_full_spool_refuses_new_batches_until_the_store_takes_some()
    {
        using var spool = Open(Options with { MaxBytes = 8192 });
        var appended = new List<long>();
        var full = await Assert.ThrowsAsync<SpoolFullException>(async () =>
        {
            for (var i = 0; i < 1000; i++) appended.Add((await spool.AppendAsync(Batch(i * 3), default)).Sequence!.Value);
        });

        Assert.InRange(spool.SizeBytes, 4096, 8192);
        Assert.Contains("refuses", full.Message, StringComparison.Ordinal);
        Assert.Equal(appended.Count, spool.PendingRecords);

        spool.Confirm(appended[^1]);
        await spool.AppendAsync(Batch(5000), default);
        Assert.Equal([5000.0, 5001, 5002], Values(spool));
    }

    [Fact]
    public async Task ReadPending_joins_whole_records_up_to_the_sample_limit()
    {
        using var spool = Open();
        for (var i = 0; i < 5; i++) await spool.AppendAsync(Batch(i * 3), default);

        Assert.Equal(2, spool.ReadPending(7).Count);
        Assert.Single(spool.ReadPending(1));
    }

    [Fact]
    public async Task While_the_forwarder_keeps_up_one_file_takes_every_batch()
    {
        using var spool = Open();
        var files = new HashSet<string>();
        for (var i = 0; i < 20; i++)
        {
            var sequence = (await spool.AppendAsync(Batch(i * 3), default)).Sequence!.Value;
            files.UnionWith(SegmentFiles());
            Assert.Equal([i * 3.0, i * 3 + 1, i * 3 + 2], Values(spool));
            spool.Confirm(sequence);
            Assert.Equal(0, spool.PendingRecords);
        }

        Assert.Single(files);
        await spool.AppendAsync(Batch(900), default);
        spool.Dispose();
        using var reopened = Open();
        Assert.Equal([900.0, 901, 902], Values(reopened));
    }

    [Fact]
    public async Task ReadPendingInto_appends_whole_records_and_names_the_last_sequence_to_confirm()
    {
        using var spool = Open();
        for (var i = 0; i < 5; i++) await spool.AppendAsync(Batch(i * 3), default);
        var into = new List<Sample> { new(Running, T0, -1) };

        var (records, last) = spool.ReadPendingInto(7, into);

        Assert.Equal(2, records);
        Assert.Equal([-1.0, 0, 1, 2, 3, 4, 5], into.Select(s => s.Value));
        // Names read back are shared, not decoded again for every sample.
        Assert.Same(into[1].Signal.Device, into[6].Signal.Device);
        spool.Confirm(last!.Value);
        into.Clear();
        Assert.Equal((1, last + 1), spool.ReadPendingInto(1, into));
        Assert.Equal([6.0, 7, 8], into.Select(s => s.Value));
        spool.Confirm(last.Value + 3);
        Assert.Equal((0, (long?)null), spool.ReadPendingInto(100, into));
    }

    [Fact]
    [System.Runtime.Versioning.SupportedOSPlatform("linux")]
    public async Task Spool_files_are_readable_by_their_owner_only()
    {
        using var spool = Open();
        await spool.AppendAsync(Batch(0), default);

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Assert.Single(SegmentFiles())));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(dir.File("spool")));
    }

    [Fact]
    public async Task With_interval_fsync_appends_still_reach_the_file_and_replay()
    {
        using (var spool = Open(Options with { Fsync = SpoolFsyncPolicy.Interval, FsyncInterval = TimeSpan.FromSeconds(1) }))
        {
            await spool.AppendAsync(Batch(0), default);
            clock.Advance(TimeSpan.FromSeconds(2));
            await spool.AppendAsync(Batch(3), default);
        }

        using var reopened = Open();
        Assert.Equal([0.0, 1, 2, 3, 4, 5], Values(reopened));
    }

    [Fact]
    public void Options_name_every_problem()
    {
        var problems = new SpoolOptions { Directory = "", SegmentBytes = 10, MaxBytes = 5 }.Validate();

        Assert.Contains(problems, p => p.StartsWith("spool.directory", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("spool.segment_bytes", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("spool.max_bytes", StringComparison.Ordinal));
    }

    private async Task<string> ThreeRecords()
    {
        using (var spool = Open())
            for (var i = 0; i < 3; i++) await spool.AppendAsync(Batch(i * 3), default);
        return Assert.Single(SegmentFiles());
    }

    private static double[] Values(DiskSpool spool) =>
        [.. spool.ReadPending(int.MaxValue).SelectMany(r => r.Samples).Select(s => s.Value)];

    private static void FlipByte(string file, int offset)
    {
        var bytes = File.ReadAllBytes(file);
        bytes[offset] ^= 0x5A;
        File.WriteAllBytes(file, bytes);
    }

    // Every batch here encodes to the same size, so a segment's record count follows from its length.
    private static int RecordsIn(string file) => (int)((new FileInfo(file).Length - 8) / (SpoolRecordBytes));

    private static readonly int SpoolRecordBytes = 8 + 4 + 3 * (2 + "press-07".Length + 2 + "running".Length + 16);
}
