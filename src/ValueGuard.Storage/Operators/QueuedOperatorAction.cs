using ValueGuard.Core.Commitments;

namespace ValueGuard.Storage.Operators;

/// <summary>A person's action in the queue: waiting, applied by the gateway, or refused with the reason.</summary>
public sealed record QueuedOperatorAction(long Id, OperatorAction Action, OperatorActionStatus Status, string? Detail, DateTimeOffset? AppliedAt);
