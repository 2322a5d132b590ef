namespace ValueGuard.Core.Commitments;

/// <summary>What a person can do to a clause's commitment.</summary>
public enum OperatorActionKind
{
    /// <summary>Someone owns the breach: it stops escalating.</summary>
    Acknowledge,
    /// <summary>Escalation waits until an instant.</summary>
    Snooze,
    /// <summary>The clause is not evaluated until an instant; expiry returns it to normal evaluation.</summary>
    Waive,
}
