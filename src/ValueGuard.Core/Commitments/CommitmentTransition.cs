namespace ValueGuard.Core.Commitments;

/// <summary>One move of a commitment, as recorded in the evidence ledger.</summary>
public sealed record CommitmentTransition(
    CommitmentState From,
    CommitmentState To,
    CommitmentTrigger Trigger,
    DateTimeOffset At,
    int EpisodeNumber,
    int EscalationLevel);
