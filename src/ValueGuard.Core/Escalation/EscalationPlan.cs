namespace ValueGuard.Core.Escalation;

/// <summary>
/// What the policy says about one action: its level, priority, who is assigned and who watches,
/// which sinks get it and from when it may be delivered.
/// </summary>
public sealed record EscalationPlan(
    EscalationActionKind Kind,
    int Level,
    string Priority,
    string? Assignee,
    IReadOnlyList<string> Watchers,
    IReadOnlyList<string> Sinks,
    DateTimeOffset NotBefore);
