namespace ValueGuard.Core.Verdicts;

/// <summary>What one evaluation says about a clause.</summary>
public enum Verdict
{
    Met,
    AtRisk,
    Breached,
    /// <summary>Not enough data: coverage is below the clause's minimum.</summary>
    Indeterminate,
}
