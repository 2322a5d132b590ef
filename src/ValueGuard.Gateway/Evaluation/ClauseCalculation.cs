using ValueGuard.Core.Kpis;
using ValueGuard.Core.Verdicts;
using ValueGuard.Core.Windows;

namespace ValueGuard.Gateway.Evaluation;

/// <summary>A clause computed at an instant: its timeline, and (once started) its KPI result and verdict.</summary>
public sealed record ClauseCalculation(ContractTimeline Timeline, KpiResult? Result, Verdict? Verdict)
{
    public bool Started => Result is not null;
}
