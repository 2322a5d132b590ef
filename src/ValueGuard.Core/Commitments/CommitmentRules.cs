namespace ValueGuard.Core.Commitments;

/// <summary>How verdicts move one clause's commitment: debounce, flapping, and whether a miss is final for the period.</summary>
public sealed record CommitmentRules
{
    public static readonly CommitmentRules Immediate = new();

    /// <summary>How long a verdict that would move the commitment must hold before it does (entering and leaving a state).</summary>
    public TimeSpan Debounce { get; init; } = TimeSpan.Zero;

    public FlappingRule Flapping { get; init; } = FlappingRule.Default;

    /// <summary>
    /// A period clause: once breached in its period it stays missed, whatever later verdicts say, and closes
    /// as <see cref="CommitmentState.ClosedMissed"/>.
    /// </summary>
    public bool MissIsFinal { get; init; }
}
