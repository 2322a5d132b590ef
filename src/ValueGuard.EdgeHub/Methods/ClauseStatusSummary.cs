namespace ValueGuard.EdgeHub.Methods;

/// <summary>One clause's commitment state and latest verdict; null fields mean not evaluated yet or no value.</summary>
public sealed record ClauseStatusSummary(
    string Contract,
    string Clause,
    string State,
    string? Verdict,
    double? Value,
    double? Coverage,
    DateTimeOffset? EvaluatedAt);
