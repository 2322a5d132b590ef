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

    public bool IsClosed => State is CommitmentState.ClosedMet or CommitmentState.ClosedMissed;

    /// <summary>In a breach episode that has not recovered.</summary>
    public bool InBreach => State is CommitmentState.Breached or CommitmentState.Escalated or CommitmentState.Acknowledged;
}
