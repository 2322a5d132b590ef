namespace ValueGuard.Reporting.Model;

/// <summary>
/// One breach episode from the evidence ledger: when it opened, was acknowledged and ended, with its tickets.
/// <see cref="EndedAt"/> is the recovery or the period's close; <see cref="TimeToRecoverSeconds"/> counts only a recovery.
/// </summary>
public sealed record BreachEpisodeReport(
    string Episode,
    string Clause,
    DateTimeOffset BreachedAt,
    DateTimeOffset? AcknowledgedAt,
    DateTimeOffset? EndedAt,
    string EndedAs,
    double? TimeToAcknowledgeSeconds,
    double? TimeToRecoverSeconds,
    int EscalationLevel,
    IReadOnlyList<TicketReference> Tickets);
