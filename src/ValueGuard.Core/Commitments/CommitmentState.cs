namespace ValueGuard.Core.Commitments;

/// <summary>Where a clause stands in its lifecycle.</summary>
public enum CommitmentState
{
    /// <summary>The clause's window has not started.</summary>
    Scheduled,
    Compliant,
    AtRisk,
    Breached,
    /// <summary>Breached and escalated; the level is in <see cref="CommitmentSnapshot.EscalationLevel"/>.</summary>
    Escalated,
    Acknowledged,
    Recovered,
    /// <summary>Coverage below the clause's minimum: the data cannot say.</summary>
    Indeterminate,
    /// <summary>A person waived the clause with a reason until an instant; verdicts do not move it meanwhile.</summary>
    Waived,
    ClosedMet,
    ClosedMissed,
}
