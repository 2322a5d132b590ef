namespace ValueGuard.EdgeHub.Methods;

/// <summary>
/// An acknowledgement request. <see cref="Clause"/> is <c>contract/clause</c>, or a clause id alone when only one
/// contract has it.
/// </summary>
public sealed record ClauseAcknowledgement(string Clause, string Actor, string Reason);
