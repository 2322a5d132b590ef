namespace ValueGuard.Core.Kpis;

/// <summary>How an aggregate KPI summarises a numeric signal over its window.</summary>
public enum AggregateFunction
{
    /// <summary>Time-weighted average of the held values over the known time (the right mean for a temperature).</summary>
    Avg,
    Min,
    Max,
    /// <summary>Sum of the samples taken inside the window.</summary>
    Sum,
    /// <summary>Number of samples taken inside the window.</summary>
    Count,
    P50,
    P95,
    P99,
}
