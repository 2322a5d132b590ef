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

    private readonly record struct Entry(long Sequence, SpoolSegment Segment, int Index);

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
    /// Appends one batch as one record. When the task completes the batch is on disk (forced there with
    /// <see cref="SpoolFsyncPolicy.EveryBatch"/>); a full spool throws <see cref="SpoolFullException"/>.
    /// </summary>
    public Task<long> AppendAsync(IReadOnlyList<Sample> samples, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (samples.Count == 0) throw new ArgumentException("An empty batch has nothing to spool.", nameof(samples));
        var payload = SampleBatchCodec.Encode(samples);
        var recordBytes = SpoolSegment.RecordHeaderBytes + payload.Length;
        if (recordBytes + 8 > options.MaxBytes)
            throw new ArgumentException($"A batch of {recordBytes} bytes can never fit a spool of {options.MaxBytes} bytes; write smaller batches.", nameof(samples));
        lock (gate)
        {
            if (active is not null && active.RecordCount > 0 && active.Length + recordBytes > options.SegmentBytes)
            {
                active.CloseForAppending();
                active = null;
            }
            var growth = recordBytes + (active is null ? 8 : 0);
            var size = segments.Sum(s => s.Length);
            if (size + growth > options.MaxBytes)
                throw new SpoolFullException($"The spool holds {size} of {options.MaxBytes} bytes and refuses a batch of {samples.Count} samples until the store takes what it holds.");
            if (active is null)
            {
                active = SpoolSegment.Create(options.Directory, nextSegmentNumber++);
                segments.Add(active);
            }
            var everyBatch = options.Fsync == SpoolFsyncPolicy.EveryBatch;
            active.Append(payload, flushToDisk: everyBatch);
            unsynced = !everyBatch;
            if (!everyBatch) FlushIfDue(force: false);
            var sequence = nextSequence++;
            pending.Enqueue(new Entry(sequence, active, active.RecordCount - 1));
            return Task.FromResult(sequence);
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
                var batch = SampleBatchCodec.Decode(entry.Segment.ReadPayload(entry.Index))
                    ?? throw new InvalidDataException($"Spool record {entry.Sequence} in {entry.Segment.Path} passed its checksum but is not a sample batch.");
                if (records.Count > 0 && samples + batch.Count > maxSamples) break;
                records.Add(new SpoolRecord(entry.Sequence, batch));
                samples += batch.Count;
            }
            return records;
        }
    }

    /// <summary>Marks every record up to and including <paramref name="sequence"/> as stored; deletes segments left with none pending.</summary>
    public void Confirm(long sequence)
    {
        lock (gate)
        {
            while (pending.TryPeek(out var head) && head.Sequence <= sequence) pending.Dequeue();
            var stillNeeded = pending.Select(e => e.Segment).ToHashSet();
            foreach (var segment in segments.Where(s => !stillNeeded.Contains(s) && (s != active || pending.Count == 0)).ToList())
            {
                segment.Delete();
                segments.Remove(segment);
                if (segment == active) active = null;
            }
        }
    }

    public void Dispose()
    {
        fsyncTimer?.Dispose();
        lock (gate)
        {
            foreach (var segment in segments) segment.Dispose();
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
        long lostBytes = 0, kept = 0;
        var regions = 0;
        foreach (var (path, number) in files)
        {
            var segment = SpoolSegment.Recover(path, number, out var lost, out var damaged);
            lostBytes += lost;
            regions += damaged;
            nextSegmentNumber = number + 1;
            if (segment.RecordCount == 0)
            {
                segment.Delete();
                continue;
            }
            segments.Add(segment);
            for (var i = 0; i < segment.RecordCount; i++) pending.Enqueue(new Entry(nextSequence++, segment, i));
            kept += segment.RecordCount;
        }
        Recovery = new SpoolRecovery(files.Count, kept, lostBytes, regions);
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
