using ValueGuard.Core.Commitments;

namespace ValueGuard.Core.Escalation;

/// <summary>
/// One thing to tell a ticket system about a breach episode. <see cref="IdempotencyKey"/> makes
/// retries and restarts harmless: the same key is delivered at most once per sink.
/// </summary>
public sealed record EscalationAction(
    BreachEpisodeId Episode,
    EscalationActionKind Kind,
    int Level,
    DateTimeOffset At,
    TicketContent Content)
{
    public string IdempotencyKey => $"{Episode}#{Kind.ToString().ToLowerInvariant()}-{Level}";
}
