namespace ValueGuard.Core.Commitments;

/// <summary>What can move a commitment.</summary>
public enum CommitmentTrigger
{
    EvaluatedMet,
    EvaluatedAtRisk,
    EvaluatedBreached,
    EvaluatedIndeterminate,
    /// <summary>A breach stayed unacknowledged for the policy's escalation delay.</summary>
    EscalationDue,
    Acknowledge,
    PeriodEndedMet,
    PeriodEndedMissed,
}
