namespace ValueGuard.Core.Forecasting;

/// <summary>
/// A straight-line projection of a cumulative KPI (downtime, number of stops) to the end of its period:
/// "at the current rate the 2 h downtime allowance is used up on day 63 of 90".
/// </summary>
public readonly record struct PeriodProjection(double AtEnd, TimeSpan? LimitReachedAfter)
{
    /// <param name="soFar">The KPI over the elapsed part of the period.</param>
    /// <param name="limit">The value the target allows at most.</param>
    /// <param name="elapsed">How much of the period has passed.</param>
    /// <param name="period">The period's whole length.</param>
    public static PeriodProjection Of(double soFar, double limit, TimeSpan elapsed, TimeSpan period)
    {
        if (elapsed <= TimeSpan.Zero || soFar <= 0) return new(soFar, null);
        var rate = soFar / elapsed.TotalSeconds;
        var atEnd = rate * period.TotalSeconds;
        TimeSpan? reached = soFar >= limit ? elapsed : atEnd > limit ? TimeSpan.FromSeconds(limit / rate) : null;
        return new(atEnd, reached);
    }
}
