namespace ValueGuard.Gateway.Evaluation;

/// <summary>
/// The body of a "clause-changed" or "clause-removed" evidence record: the clause, the definition hashes
/// before and after (null after a removal), and the commitment it had.
/// </summary>
public sealed record ClauseChangeEvidence(string Contract, string Clause, string PreviousDefinition, string? Definition, string PreviousState, int Episode);
