namespace ValueGuard.Core.Escalation;

/// <summary>What an escalation action does to the ticket of a breach episode.</summary>
public enum EscalationActionKind
{
    /// <summary>Open the ticket for a new breach episode.</summary>
    Open,
    /// <summary>Raise priority and tell the next owner: the breach is unacknowledged.</summary>
    Escalate,
    /// <summary>The breach is still unacknowledged at its level: say so again (the policy's reminder interval).</summary>
    Remind,
    /// <summary>The clause recovered: comment and resolve.</summary>
    Resolve,
    /// <summary>The period ended: final comment with the verdict.</summary>
    Close,
    /// <summary>The clause entered AtRisk: a notice (not a ticket) to customer success on the notification sinks.</summary>
    AtRisk,
    /// <summary>A person acknowledged the breach (CLI, web UI, direct method or a ticket system read back): say who, once per episode.</summary>
    Acknowledge,
}
