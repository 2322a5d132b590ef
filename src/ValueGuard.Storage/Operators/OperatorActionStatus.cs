namespace ValueGuard.Storage.Operators;

/// <summary>Where a queued operator action stands.</summary>
public enum OperatorActionStatus
{
    /// <summary>Written; the gateway applies it on its next pass (or at start when it is not running).</summary>
    Queued,
    Applied,
    /// <summary>The gateway could not apply it (unknown clause, nothing to acknowledge, closed period…); the detail says why.</summary>
    Refused,
}
