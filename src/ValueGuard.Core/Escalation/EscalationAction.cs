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
    /// <summary>The reminder's number at its level (1 for the first); 0 for other kinds.</summary>
    public int Reminder { get; init; }

    /// <summary>The earliest instant the action may be delivered (quiet hours); null means at once.</summary>
    public DateTimeOffset? NotBefore { get; init; }

    /// <summary>Who acknowledged the breach (<see cref="EscalationActionKind.Acknowledge"/> only); null when unknown.</summary>
    public string? Actor { get; init; }

    public string IdempotencyKey => Kind switch
    {
        EscalationActionKind.Remind => $"{Episode}#remind-{Level}-{Reminder}",
        // Each entry into AtRisk is its own notice; the instant of entry tells them apart.
        EscalationActionKind.AtRisk => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{Episode}#at-risk-{At.UtcDateTime:yyyyMMdd'T'HHmmss'Z'}"),
        _ => $"{Episode}#{Kind.ToString().ToLowerInvariant()}-{Level}",
    };
}
