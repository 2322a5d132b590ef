namespace ValueGuard.Configuration.Sites;

/// <summary>
/// The disk spool in front of InfluxDB (site <c>store.spool</c>): how large and how old unsent data may
/// grow, what happens when it is full, and how hard appends are pushed to disk. Names as in the site file.
/// </summary>
public sealed record SpoolConfig
{
    public static readonly IReadOnlyList<string> WhenFullNames = ["refuse_new_writes", "reject_newest", "drop_oldest"];

    public static readonly IReadOnlyList<string> FsyncNames = ["every_batch", "interval"];

    public long MaxBytes { get; init; } = 1024L * 1024 * 1024;

    /// <summary>Unsent data older than this is dropped (and recorded); null keeps it until sent.</summary>
    public TimeSpan? MaxAge { get; init; }

    /// <summary><c>refuse_new_writes</c> (default: stop acknowledging MQTT), <c>reject_newest</c> or <c>drop_oldest</c>.</summary>
    public string WhenFull { get; init; } = "refuse_new_writes";

    /// <summary><c>every_batch</c> (default) or <c>interval</c>.</summary>
    public string Fsync { get; init; } = "every_batch";

    public TimeSpan FsyncInterval { get; init; } = TimeSpan.FromSeconds(1);

    public long SegmentBytes { get; init; } = 8 * 1024 * 1024;

    /// <summary>Samples per write to InfluxDB; spooled batches are joined up to this.</summary>
    public int MaxSamplesPerWrite { get; init; } = 20_000;

    /// <summary>While the forwarder keeps up, how long it waits for a write to fill before sending a partial one.</summary>
    public TimeSpan ForwardLinger { get; init; } = TimeSpan.FromMilliseconds(50);
}
