using System.Buffers;
using ValueGuard.Core.Evidence;
using ValueGuard.Core.Signals;

namespace ValueGuard.Storage.Spool;

/// <summary>
/// An append-only, size-bounded queue of sample batches on disk that survives crashes and reboots.
/// One writer side appends; one reader side reads the oldest unconfirmed records and confirms them once
/// the store has them. A segment file is deleted only when every record in it is confirmed. Confirmation
/// is not written down: after a restart every record still on disk is replayed, which is safe because
/// the stores keep one sample per signal and time.
/// </summary>
public sealed class DiskSpool : IDisposable
{
    private readonly SpoolOptions options;
    private readonly TimeProvider time;
    private readonly Lock gate = new();
    private readonly Queue<Entry> pending = new();
    private readonly List<SpoolSegment> segments = [];
    private readonly ITimer? fsyncTimer;
    private readonly SpoolNames names = new();
    private byte[] readBuffer = [];
    private SpoolSegment? active;
    private long nextSequence;
    private long nextSegmentNumber;
    private DateTimeOffset lastFsync;
    private bool unsynced;

    private DiskSpool(SpoolOptions options, TimeProvider time)
    {
        this.options = options;
        this.time = time;
        lastFsync = time.GetUtcNow();
        if (options.Fsync == SpoolFsyncPolicy.Interval)
            fsyncTimer = time.CreateTimer(_ => FlushIfDue(force: true), null, options.FsyncInterval, options.FsyncInterval);
    }

    private readonly record struct Entry(long Sequence, SpoolSegment Segment, int Index, DateTimeOffset AppendedAt);

    private long pendingSamples;
    private long appendedSamples, appendedBytes, forwardedSamples, forwardedBytes, droppedSamples, refusedBatches;

    /// <summary>What opening found on disk, including any loss from a torn or corrupt tail.</summary>
    public SpoolRecovery Recovery { get; private set; } = new(0, 0, 0, 0);

    public long PendingRecords
    {
        get { lock (gate) return pending.Count; }
    }

    /// <summary>Bytes of all segment files, the figure bounded by <see cref="SpoolOptions.MaxBytes"/>.</summary>
    public long SizeBytes
    {
        get { lock (gate) return segments.Sum(s => s.Length); }
    }

    /// <summary>Depth, size, the oldest unsent record and running totals, read at one instant.</summary>
    public SpoolHealth Health
    {
        get
        {
            lock (gate)
            {
                DateTimeOffset? oldest = pending.TryPeek(out var head) ? head.AppendedAt : null;
                return new SpoolHealth(time.GetUtcNow(), pending.Count, pendingSamples, segments.Sum(s => s.Length), options.MaxBytes, oldest,
                    appendedSamples, appendedBytes, forwardedSamples, forwardedBytes, droppedSamples, refusedBatches, options.WhenFull, options.MaxAge);
            }
        }
    }

    /// <summary>Opens (or creates) the spool folder and recovers every intact record, oldest first.</summary>
    public static DiskSpool Open(SpoolOptions options, TimeProvider time)
    {
        var problems = options.Validate();
        if (problems.Count > 0) throw new ArgumentException("Invalid spool settings: " + string.Join("; ", problems));
        var directory = Directory.CreateDirectory(options.Directory);
        if (!OperatingSystem.IsWindows()) directory.UnixFileMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
        var spool = new DiskSpool(options, time);
        spool.RecoverSegments();
        return spool;
    }

    /// <summary>
    /// Reads a spool folder without opening it for writing (a running gateway may own it): depth, bytes and
    /// the oldest segment's last write. Rates and totals are zero; damaged bytes are skipped, not cut.
    /// </summary>
    public static SpoolHealth Inspect(SpoolOptions options, TimeProvider time)
    {
        long records = 0, samples = 0, bytes = 0;
        DateTimeOffset? oldest = null;
        var files = System.IO.Directory.Exists(options.Directory) ? System.IO.Directory.GetFiles(options.Directory, "*.spool").Order().ToList() : [];
        foreach (var file in files)
        {
            try
            {
                var (r, s) = SpoolSegment.Count(file);
                records += r;
                samples += s;
                bytes += new FileInfo(file).Length;
                if (r > 0) oldest ??= new DateTimeOffset(File.GetLastWriteTimeUtc(file), TimeSpan.Zero);
            }
            catch (FileNotFoundException)
            {
                // Forwarded and deleted while we looked.
            }
        }
        return new SpoolHealth(time.GetUtcNow(), records, samples, bytes, options.MaxBytes, oldest, 0, 0, 0, 0, 0, 0, options.WhenFull, options.MaxAge);
    }

    /// <summary>
    /// Appends one batch as one record, or as several in order when it is larger than <see cref="MaxRecordBytes"/>
    /// (an ingest burst into a small spool). When the task completes the batch is on disk (forced there with
    /// <see cref="SpoolFsyncPolicy.EveryBatch"/>). When the spool is full, <see cref="SpoolOptions.WhenFull"/>
    /// decides: throw <see cref="SpoolFullException"/>, drop this batch, or drop the oldest segment. Records
    /// older than <see cref="SpoolOptions.MaxAge"/> are dropped first. Every drop is in the result's losses.
    /// A batch split in records is not atomic: if a later record is refused, the earlier ones stay spooled, and a
    /// retry of the whole batch writes those samples again, which the stores keep once.
    /// </summary>
    public Task<SpoolAppendResult> AppendAsync(IReadOnlyList<Sample> samples, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (samples.Count == 0) throw new ArgumentException("An empty batch has nothing to spool.", nameof(samples));
        var payloadLength = SampleBatchCodec.EncodedSize(samples);
        if (SpoolSegment.RecordHeaderBytes + payloadLength <= MaxRecordBytes) return Task.FromResult(AppendRecord(samples, payloadLength));
        long? last = null;
        var losses = new List<DataLossNotice>();
        foreach (var part in SampleBatchCodec.Split(samples, MaxRecordBytes - SpoolSegment.RecordHeaderBytes))
        {
            var result = AppendRecord(part, SampleBatchCodec.EncodedSize(part));
            losses.AddRange(result.Losses);
            last = result.Sequence ?? last;
        }
        return Task.FromResult(new SpoolAppendResult(last, losses));
    }

    /// <summary>
    /// The largest record, header included: half a segment (or half the spool, when that is smaller), so that a full
    /// spool still holds two records and a burst larger than the spool is spooled in pieces instead of refused.
    /// </summary>
    public int MaxRecordBytes => (int)Math.Min(int.MaxValue / 2, Math.Min(options.SegmentBytes, options.MaxBytes) / 2);

    private SpoolAppendResult AppendRecord(IReadOnlyList<Sample> samples, int payloadLength)
    {
        var recordBytes = SpoolSegment.RecordHeaderBytes + payloadLength;
        if (recordBytes > MaxRecordBytes)
            throw new ArgumentException($"One sample takes {recordBytes} bytes in the spool, more than its largest record ({MaxRecordBytes} bytes, half of spool.segment_bytes); shorten the device or signal name or raise spool.segment_bytes.", nameof(samples));
        var buffer = ArrayPool<byte>.Shared.Rent(payloadLength);
        try
        {
            SampleBatchCodec.EncodeInto(samples, buffer);
            return Append(buffer.AsSpan(0, payloadLength), recordBytes, samples);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private SpoolAppendResult Append(ReadOnlySpan<byte> payload, int recordBytes, IReadOnlyList<Sample> samples)
    {
        lock (gate)
        {
            var now = time.GetUtcNow();
            var losses = new List<DataLossNotice>();
            DropExpiredLocked(now, losses);
            // A segment past its size takes no more; a fresh one takes any record, however large.
            if (active is not null && (active.RecordCount > 0 || active.DrainedBytes > 0) && active.Length + recordBytes > options.SegmentBytes)
            {
                active.CloseForAppending();
                if (active.IsEmpty)
                {
                    // Drained: everything in it was forwarded.
                    active.Delete();
                    segments.Remove(active);
                }
                active = null;
            }
            if (!MakeRoomLocked(recordBytes, samples, losses)) return new SpoolAppendResult(null, losses);
            if (active is null)
            {
                active = SpoolSegment.Create(options.Directory, nextSegmentNumber++);
                segments.Add(active);
            }
            var everyBatch = options.Fsync == SpoolFsyncPolicy.EveryBatch;
            active.Append(payload, samples.Count, now, flushToDisk: everyBatch);
            unsynced = !everyBatch;
            if (!everyBatch) FlushIfDue(force: false);
            var sequence = nextSequence++;
            pending.Enqueue(new Entry(sequence, active, active.RecordCount - 1, now));
            pendingSamples += samples.Count;
            appendedSamples += samples.Count;
            appendedBytes += recordBytes;
            return new SpoolAppendResult(sequence, losses);
        }
    }

    /// <summary>Drops every unsent record older than <see cref="SpoolOptions.MaxAge"/>; returns what was dropped (nothing without a max age).</summary>
    public IReadOnlyList<DataLossNotice> DropExpired()
    {
        lock (gate)
        {
            var losses = new List<DataLossNotice>();
            DropExpiredLocked(time.GetUtcNow(), losses);
            return losses;
        }
    }

    /// <summary>The oldest unconfirmed records, up to <paramref name="maxSamples"/> samples (at least one record).</summary>
    public IReadOnlyList<SpoolRecord> ReadPending(int maxSamples)
    {
        lock (gate)
        {
            var records = new List<SpoolRecord>();
            var samples = 0;
            foreach (var entry in pending)
            {
                var count = entry.Segment.SampleCount(entry.Index);
                if (records.Count > 0 && samples + count > maxSamples) break;
                var batch = new List<Sample>(count);
                ReadLocked(entry, batch);
                records.Add(new SpoolRecord(entry.Sequence, batch));
                samples += count;
            }
            return records;
        }
    }

    /// <summary>
    /// Appends the samples of the oldest unconfirmed records to <paramref name="into"/>, up to <paramref name="maxSamples"/>
    /// (at least one record), and returns how many records that was and the sequence to confirm them with; (0, null) when
    /// nothing is pending. The forwarder's way: one reused list instead of a list per record.
    /// </summary>
    public (int Records, long? LastSequence) ReadPendingInto(int maxSamples, List<Sample> into)
    {
        lock (gate)
        {
            var records = 0;
            var samples = 0;
            long? last = null;
            foreach (var entry in pending)
            {
                var count = entry.Segment.SampleCount(entry.Index);
                if (records > 0 && samples + count > maxSamples) break;
                ReadLocked(entry, into);
                records++;
                samples += count;
                last = entry.Sequence;
            }
            return (records, last);
        }
    }

    private void ReadLocked(Entry entry, List<Sample> into)
    {
        var length = entry.Segment.PayloadLength(entry.Index);
        if (readBuffer.Length < length) readBuffer = new byte[Math.Max(length, readBuffer.Length * 2)];
        entry.Segment.ReadPayload(entry.Index, readBuffer);
        if (!SampleBatchCodec.DecodeInto(readBuffer.AsSpan(0, length), into, names))
            throw new InvalidDataException($"Spool record {entry.Sequence} in {entry.Segment.Path} passed its checksum but is not a sample batch.");
    }

    /// <summary>Marks every record up to and including <paramref name="sequence"/> as stored; deletes segments left with none pending.</summary>
    public void Confirm(long sequence)
    {
        lock (gate)
        {
            while (pending.TryPeek(out var head) && head.Sequence <= sequence)
            {
                pending.Dequeue();
                var count = head.Segment.SampleCount(head.Index);
                pendingSamples -= count;
                forwardedSamples += count;
                forwardedBytes += head.Segment.RecordBytes(head.Index);
            }
            DeleteUnneededSegmentsLocked();
        }
    }

    public void Dispose()
    {
        fsyncTimer?.Dispose();
        lock (gate)
        {
            // A drained segment kept for appending goes with a clean stop: an empty spool leaves no files.
            foreach (var segment in segments)
            {
                if (segment.IsEmpty) segment.Delete();
                else segment.Dispose();
            }
            segments.Clear();
            active = null;
        }
    }

    private void RecoverSegments()
    {
        var files = Directory.GetFiles(options.Directory, "*.spool")
            .Select(path => (Path: path, Number: long.TryParse(Path.GetFileNameWithoutExtension(path), out var n) ? n : -1))
            .Where(f => f.Number >= 0)
            .OrderBy(f => f.Number)
            .ToList();
        long kept = 0;
        var damage = new SpoolDamageCount();
        foreach (var (path, number) in files)
        {
            var segment = SpoolSegment.Recover(path, number, damage);
            nextSegmentNumber = number + 1;
            if (segment.RecordCount == 0)
            {
                segment.Delete();
                continue;
            }
            segments.Add(segment);
            for (var i = 0; i < segment.RecordCount; i++)
            {
                pending.Enqueue(new Entry(nextSequence++, segment, i, segment.LastWrite));
                pendingSamples += segment.SampleCount(i);
            }
            kept += segment.RecordCount;
        }
        Recovery = new SpoolRecovery(files.Count, kept, damage.LostBytes, damage.Regions)
        {
            RecordsCut = damage.RecordsCut, SamplesCut = damage.SamplesCut, UncountedBytes = damage.UncountedBytes,
        };
    }

    // False when the batch is not to be appended (rejected); throws when the policy refuses it.
    private bool MakeRoomLocked(int recordBytes, IReadOnlyList<Sample> samples, List<DataLossNotice> losses)
    {
        long Growth() => recordBytes + (active is null ? 8 : 0);
        long Size() => segments.Sum(s => s.Length);
        if (Size() + Growth() <= options.MaxBytes) return true;
        switch (options.WhenFull)
        {
            case SpoolFullPolicy.RejectNewest:
                var rejected = new SpoolLossBuilder("full", options.WhenFull);
                rejected.Add(samples);
                droppedSamples += samples.Count;
                losses.Add(rejected.Build());
                return false;
            case SpoolFullPolicy.DropOldest:
                var dropped = new SpoolLossBuilder("full", options.WhenFull);
                while (Size() + Growth() > options.MaxBytes && segments.Count > 0)
                {
                    var oldest = segments[0];
                    if (oldest == active) active = null;
                    while (pending.TryPeek(out var head) && head.Segment == oldest) DropHeadLocked(dropped);
                    oldest.Delete();
                    segments.RemoveAt(0);
                }
                if (!dropped.IsEmpty) losses.Add(dropped.Build());
                return true;
            default:
                refusedBatches++;
                throw new SpoolFullException($"The spool holds {Size()} of {options.MaxBytes} bytes and refuses a batch of {samples.Count} samples until the store takes what it holds.");
        }
    }

    private void DropExpiredLocked(DateTimeOffset now, List<DataLossNotice> losses)
    {
        if (options.MaxAge is not { } maxAge) return;
        var expired = new SpoolLossBuilder("max_age", options.WhenFull);
        while (pending.TryPeek(out var head) && now - head.AppendedAt > maxAge) DropHeadLocked(expired);
        if (expired.IsEmpty) return;
        DeleteUnneededSegmentsLocked();
        losses.Add(expired.Build());
    }

    private void DropHeadLocked(SpoolLossBuilder loss)
    {
        var head = pending.Dequeue();
        var count = head.Segment.SampleCount(head.Index);
        pendingSamples -= count;
        droppedSamples += count;
        // A record that passed its checksum but does not decode is counted, without signals to name.
        loss.Add(SampleBatchCodec.Decode(head.Segment.ReadPayload(head.Index), names) ?? []);
    }

    private void DeleteUnneededSegmentsLocked()
    {
        var stillNeeded = pending.Select(e => e.Segment).ToHashSet();
        foreach (var segment in segments.Where(s => !stillNeeded.Contains(s) && s != active).ToList())
        {
            segment.Delete();
            segments.Remove(segment);
        }
        // The segment being appended to is drained, not deleted or cut: a drain mark, and the next batch goes after it.
        if (pending.Count == 0 && active is { IsEmpty: false }) active.MarkDrained();
    }

    private void FlushIfDue(bool force)
    {
        lock (gate)
        {
            var now = time.GetUtcNow();
            if (!unsynced || (!force && now - lastFsync < options.FsyncInterval)) return;
            active?.FlushToDisk();
            unsynced = false;
            lastFsync = now;
        }
    }
}
