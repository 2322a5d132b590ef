namespace ValueGuard.Gateway.Web;

/// <summary>One move of a clause's commitment, from the evidence ledger.</summary>
public sealed record TimelineEntry(DateTimeOffset At, string From, string To);
