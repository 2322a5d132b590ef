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
    /// <summary>A person waives the clause until an instant.</summary>
    Waive,
    /// <summary>The waiver's expiry passed: the clause returns to the state it was waived from and is evaluated as usual.</summary>
    WaiverExpired,
    PeriodEndedMet,
    PeriodEndedMissed,
}
