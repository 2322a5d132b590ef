using NodaTime;

namespace ValueGuard.Core.Windows;

/// <summary>
/// The instants and the time zone a clause's window is placed by: go-live, the first sample of the
/// clause's signals (null until one arrived), and the contract's IANA zone for calendar arithmetic.
/// </summary>
public sealed record ContractTimeline(DateTimeOffset GoLive, DateTimeZone Zone, DateTimeOffset? FirstSignal = null)
{
    public static ContractTimeline Utc(DateTimeOffset goLive) => new(goLive, DateTimeZone.Utc);
}
