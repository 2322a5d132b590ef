namespace ValueGuard.Storage.Spool;

/// <summary>
/// The spool at one instant: what waits to be forwarded, how full it is, and running totals since it was
/// opened (from which <see cref="SpoolRateMeter"/> derives ingest and drain rates).
/// </summary>
public sealed record SpoolHealth(
    DateTimeOffset At,
    long PendingRecords,
    long PendingSamples,
    long SizeBytes,
    long MaxBytes,
    DateTimeOffset? OldestPendingAppendedAt,
    long AppendedSamples,
    long AppendedBytes,
    long ForwardedSamples,
    long ForwardedBytes,
    long DroppedSamples,
    long RefusedBatches,
    SpoolFullPolicy WhenFull,
    TimeSpan? MaxAge)
{
    /// <summary>How long the oldest unsent record has waited; zero when nothing waits.</summary>
    public TimeSpan OldestPendingAge => OldestPendingAppendedAt is { } t && At > t ? At - t : TimeSpan.Zero;
}
