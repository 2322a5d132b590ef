using ValueGuard.Core.Commitments;
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

    /// <summary>
    /// The verdict with hysteresis: a clause that is at risk, breached or recovering stays AT_RISK until its
    /// value reaches the clause's clear level, even when it no longer satisfies the warn level.
    /// </summary>
    public static Verdict Decide(Clause clause, KpiResult result, CommitmentState current)
    {
        var verdict = Decide(clause, result);
        var warned = current is CommitmentState.AtRisk or CommitmentState.Breached or CommitmentState.Escalated
            or CommitmentState.Acknowledged or CommitmentState.Recovered;
        return verdict == Verdict.Met && warned && clause.Clear is { } clear && !clear.IsSatisfiedBy(result.Value) ? Verdict.AtRisk : verdict;
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
