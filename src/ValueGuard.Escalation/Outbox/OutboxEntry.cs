using ValueGuard.Core.Escalation;

namespace ValueGuard.Escalation.Outbox;

/// <summary>One escalation action waiting for (or done with) one sink.</summary>
public sealed record OutboxEntry(long Id, string Sink, EscalationAction Action, OutboxStatus Status, int Attempts, string? LastError, string? RemoteId)
{
    /// <summary>When a pending entry may be tried (again).</summary>
    public DateTimeOffset NextAttempt { get; init; }
}

/// <summary>Where an outbox entry stands.</summary>
public enum OutboxStatus
{
    Pending,
    Done,
    /// <summary>Gave up after the maximum attempts; shown to operators and retried on demand.</summary>
    Dead,
}
