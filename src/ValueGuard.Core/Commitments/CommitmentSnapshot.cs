namespace ValueGuard.Core.Commitments;

/// <summary>
/// The persisted state of one clause's commitment. Storage is the caller's: the machine reads and
/// writes this record only.
/// </summary>
public sealed record CommitmentSnapshot(
    CommitmentState State,
    DateTimeOffset Since,
    int EpisodeNumber,
    int EscalationLevel,
    DateTimeOffset? LastEscalationAt)
{
    public static CommitmentSnapshot Initial(DateTimeOffset at) => new(CommitmentState.Scheduled, at, 0, 0, null);

    /// <summary>A verdict that would move the commitment, waiting out the clause's debounce; null when none.</summary>
    public CommitmentTrigger? PendingTrigger { get; init; }

    /// <summary>Since when the pending verdict has held.</summary>
    public DateTimeOffset? PendingSince { get; init; }

    /// <summary>
    /// For a calendar clause, the start of the period this state belongs to; the periods that ended since are
    /// closed before the next evaluation. Null for other windows (and for states saved before it was kept).
    /// </summary>
    public DateTimeOffset? PeriodFrom { get; init; }

    public bool IsClosed => State is CommitmentState.ClosedMet or CommitmentState.ClosedMissed;

    /// <summary>In a breach episode that has not recovered.</summary>
    public bool InBreach => State is CommitmentState.Breached or CommitmentState.Escalated or CommitmentState.Acknowledged;
}
