namespace ValueGuard.Gateway.Evaluation;

/// <summary>The body of an "operator-action" evidence record: who did what to which clause, why, until when, and what it changed.</summary>
public sealed record OperatorActionEvidence(
    string Contract,
    string Clause,
    string Action,
    string Actor,
    string Reason,
    DateTimeOffset? Until,
    DateTimeOffset RequestedAt,
    string StateBefore,
    string StateAfter,
    int Episode);
