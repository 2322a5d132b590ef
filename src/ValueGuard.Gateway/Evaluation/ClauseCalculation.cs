using ValueGuard.Core.Kpis;
using ValueGuard.Core.Verdicts;
using ValueGuard.Core.Windows;

namespace ValueGuard.Gateway.Evaluation;

/// <summary>
/// A clause computed at an instant: its timeline, and (once started) its KPI result and verdict.
/// <see cref="Forecast"/> says why a clause that meets its target now is nevertheless at risk.
/// </summary>
public sealed record ClauseCalculation(ContractTimeline Timeline, KpiResult? Result, Verdict? Verdict)
{
    public string? Forecast { get; init; }

    public bool Started => Result is not null;
}
