namespace ValueGuard.Reporting.Model;

/// <summary>
/// One clause evaluated at the end of the report's period, exactly as <c>valueguard evaluate --at</c> does:
/// <see cref="Value"/> is in <see cref="Unit"/> (<c>ratio</c> 0..1, <c>seconds</c> or <c>number</c>), null when there is none.
/// </summary>
public sealed record ClauseReport(
    string Clause,
    string Text,
    string Kpi,
    string Unit,
    double? Value,
    string Target,
    double TargetBound,
    string? Warn,
    double? WarnBound,
    double Coverage,
    double MinCoverage,
    DateTimeOffset? WindowFrom,
    DateTimeOffset? WindowTo,
    string Verdict,
    string State,
    int Samples,
    string? InputsSha256,
    ClauseForecast Forecast,
    DowntimeBreakdown? Downtime,
    IReadOnlyList<KpiPoint> Series,
    ClauseMethod Method,
    string? Note);
