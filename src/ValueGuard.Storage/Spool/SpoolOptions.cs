namespace ValueGuard.Storage.Spool;

/// <summary>Where the spool lives, how large it may grow and how hard it pushes records to disk.</summary>
public sealed record SpoolOptions
{
    public required string Directory { get; init; }

    /// <summary>A segment is closed and a new one started past this size; segments are deleted whole.</summary>
    public long SegmentBytes { get; init; } = 8 * 1024 * 1024;

    /// <summary>All segments together never exceed this; see <see cref="WhenFull"/>.</summary>
    public long MaxBytes { get; init; } = 1024L * 1024 * 1024;

    public SpoolFsyncPolicy Fsync { get; init; } = SpoolFsyncPolicy.EveryBatch;

    /// <summary>With <see cref="SpoolFsyncPolicy.Interval"/>: the longest stretch of appends not yet forced to disk.</summary>
    public TimeSpan FsyncInterval { get; init; } = TimeSpan.FromSeconds(1);

    public SpoolFullPolicy WhenFull { get; init; } = SpoolFullPolicy.RefuseNewWrites;

    /// <summary>Unsent records older than this (since they were appended) are dropped and reported; null keeps them until sent.</summary>
    public TimeSpan? MaxAge { get; init; }

    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(Directory)) problems.Add("spool.directory must name a folder, for example /var/lib/valueguard/spool");
        if (SegmentBytes < 4096) problems.Add($"spool.segment_bytes must be at least 4096 (is {SegmentBytes})");
        if (MaxBytes < SegmentBytes) problems.Add($"spool.max_bytes ({MaxBytes}) must be at least spool.segment_bytes ({SegmentBytes})");
        if (!Enum.IsDefined(Fsync)) problems.Add("spool.fsync must be every_batch or interval");
        if (Fsync == SpoolFsyncPolicy.Interval && FsyncInterval <= TimeSpan.Zero) problems.Add("spool.fsync_interval must be positive, for example 1s");
        if (!Enum.IsDefined(WhenFull)) problems.Add("spool.when_full must be " + string.Join(", ", SpoolFullPolicyNames.All));
        if (WhenFull == SpoolFullPolicy.DropOldest && MaxBytes < 2 * SegmentBytes)
            problems.Add($"spool.max_bytes ({MaxBytes}) must be at least twice spool.segment_bytes ({SegmentBytes}) with drop_oldest, so that one drop frees at most half the spool");
        if (MaxAge is { } age && age <= TimeSpan.Zero) problems.Add("spool.max_age must be positive, for example 7d");
        return problems;
    }
}
