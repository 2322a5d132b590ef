namespace ValueGuard.Configuration.Sites;

/// <summary>
/// Clock integrity of ingest (site <c>ingest:</c>): how far a device's sample timestamp may lie ahead of or behind
/// the gateway's receive time before the message is rejected (<c>future-timestamp</c>, <c>past-timestamp</c>).
/// </summary>
public sealed record IngestConfig
{
    /// <summary>Default <c>max_future</c>: 5 minutes, room for an unsynchronised device clock without accepting nonsense.</summary>
    public static readonly TimeSpan DefaultMaxFuture = TimeSpan.FromMinutes(5);

    /// <summary>Default <c>max_past</c>: 30 days, longer than a device would buffer through an outage.</summary>
    public static readonly TimeSpan DefaultMaxPast = TimeSpan.FromDays(30);

    public TimeSpan MaxFuture { get; init; } = DefaultMaxFuture;

    public TimeSpan MaxPast { get; init; } = DefaultMaxPast;
}
