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

    /// <summary>When the clause's state last changed because of its verdicts, within the flapping rule's time.</summary>
    public RecentChanges RecentChanges { get; init; } = RecentChanges.None;

    /// <summary>Since when the clause has been flapping (held in the worse state); null when it is not.</summary>
    public DateTimeOffset? FlappingSince { get; init; }

    /// <summary>The latest verdict and since when it has held unchanged: how a flapping clause shows it is stable again.</summary>
    public Verdicts.Verdict? LastVerdict { get; init; }

    public DateTimeOffset? LastVerdictSince { get; init; }

    /// <summary>Escalation is held back until this instant (a person snoozed the clause).</summary>
    public DateTimeOffset? SnoozedUntil { get; init; }

    /// <summary>While <see cref="CommitmentState.Waived"/>: when the waiver expires.</summary>
    public DateTimeOffset? WaivedUntil { get; init; }

    /// <summary>While <see cref="CommitmentState.Waived"/>: the state the waiver interrupted, to which expiry returns.</summary>
    public CommitmentState? WaivedFrom { get; init; }

    /// <summary>A period clause was breached in its period: it cannot be met any more in that period.</summary>
    public bool Missed { get; init; }

    public bool IsFlapping => FlappingSince is not null;

    /// <summary>
    /// For a calendar clause, the start of the period this state belongs to; the periods that ended since are
    /// closed before the next evaluation. Null for other windows (and for states saved before it was kept).
    /// </summary>
    public DateTimeOffset? PeriodFrom { get; init; }

    public bool IsClosed => State is CommitmentState.ClosedMet or CommitmentState.ClosedMissed;

    /// <summary>In a breach episode that has not recovered.</summary>
    public bool InBreach => State is CommitmentState.Breached or CommitmentState.Escalated or CommitmentState.Acknowledged;
}
