namespace ValueGuard.Gateway.Web;

/// <summary>A clause's commitment state, latest evaluation and recent transitions.</summary>
public sealed record ClauseState(
    string Contract,
    string Clause,
    string Text,
    string Target,
    string State,
    DateTimeOffset Since,
    int Episode,
    int EscalationLevel,
    string? Verdict,
    string? Value,
    double? Coverage,
    DateTimeOffset? EvaluatedAt,
    IReadOnlyList<TimelineEntry> Timeline);
