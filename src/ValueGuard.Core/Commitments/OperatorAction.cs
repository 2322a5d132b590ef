namespace ValueGuard.Core.Commitments;

/// <summary>
/// A person's acknowledgement, snooze or waiver of one clause, with who and why; <see cref="Until"/> is
/// when a snooze or waiver ends.
/// </summary>
public sealed record OperatorAction(
    OperatorActionKind Kind,
    string ContractId,
    string ClauseId,
    string Actor,
    string Reason,
    DateTimeOffset? Until,
    DateTimeOffset RequestedAt);
