namespace ValueGuard.Reporting.Model;

/// <summary>The clause's KPI as it stood at one instant of the report period (its window resolved at that instant).</summary>
public sealed record KpiPoint(DateTimeOffset At, double? Value, double Coverage, string Verdict);
