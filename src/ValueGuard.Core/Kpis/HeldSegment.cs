namespace ValueGuard.Core.Kpis;

/// <summary>A stretch of time over which a signal's value is known (held from a sample).</summary>
public readonly record struct HeldSegment(DateTimeOffset From, DateTimeOffset To, double Value)
{
    public TimeSpan Length => To - From;
}
