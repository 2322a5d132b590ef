using ValueGuard.Core.Contracts;
using ValueGuard.Core.Kpis;

namespace ValueGuard.Core.Verdicts;

/// <summary>Turns a KPI result into a verdict for a clause. Missing data is never good news.</summary>
public static class VerdictRules
{
    public static Verdict Decide(Clause clause, KpiResult result)
    {
        if (result.Coverage < clause.MinCoverage || double.IsNaN(result.Value)) return Verdict.Indeterminate;
        if (!clause.Target.IsSatisfiedBy(result.Value)) return Verdict.Breached;
        if (clause.Warn is { } warn && warn.IsSatisfiedBy(result.Value)) return Verdict.AtRisk;
        return Verdict.Met;
    }

    /// <summary>The label used in tables, logs and JSON: MET, AT_RISK, BREACHED, INDETERMINATE.</summary>
    public static string Label(this Verdict verdict) => verdict switch
    {
        Verdict.Met => "MET",
        Verdict.AtRisk => "AT_RISK",
        Verdict.Breached => "BREACHED",
        _ => "INDETERMINATE",
    };
}
