namespace ValueGuard.Core.Escalation;

/// <summary>
/// One step of an escalation policy. Level 0 is the breach itself; level n is reached after
/// <see cref="After"/> more unacknowledged time (business time when the policy has business hours) at
/// level n-1. The first role of <see cref="Notify"/> that the contract names is the assignee, the others
/// are watchers. <see cref="Sinks"/> empty means every configured sink.
/// </summary>
public sealed record EscalationLevel(TimeSpan After, IReadOnlyList<OwnerRole> Notify, IReadOnlyList<string> Sinks, string Priority)
{
    /// <summary>The ticket priorities ValueGuard knows, lowest first; sinks map them to their own names.</summary>
    public static readonly IReadOnlyList<string> Priorities = ["normal", "high", "urgent", "immediate"];
}
