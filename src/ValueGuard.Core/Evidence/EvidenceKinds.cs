namespace ValueGuard.Core.Evidence;

/// <summary>The kinds of evidence records, as written in the ledger.</summary>
public static class EvidenceKinds
{
    public const string ContractLoaded = "contract-loaded";
    public const string Transition = "transition";
    public const string TicketAction = "ticket-action";

    /// <summary>A person acknowledged, snoozed or waived a clause: who, why, until when.</summary>
    public const string OperatorAction = "operator-action";

    /// <summary>A clause started flapping (held in the worse state) or became stable again.</summary>
    public const string Flapping = "flapping";

    /// <summary>A reloaded contract changed a clause's definition: its commitment starts afresh.</summary>
    public const string ClauseChanged = "clause-changed";

    /// <summary>A reloaded contract no longer has a clause: its commitment is closed and forgotten.</summary>
    public const string ClauseRemoved = "clause-removed";

    /// <summary>Data that was accepted but is gone (a torn spool or ledger tail after a crash); it lowers coverage.</summary>
    public const string DataLoss = "data-loss";

    /// <summary>
    /// The ledger's own tail was damaged by a crash (torn, zero-filled or not verifying) and cut off at start: how many
    /// bytes and lines, from which line, why, the SHA-256 of the cut bytes and the file they were saved to.
    /// </summary>
    public const string LedgerDamage = "ledger-damage";

    /// <summary>The gateway's wall clock jumped forwards or backwards against its monotonic clock (from, to, delta).</summary>
    public const string ClockJump = "clock-jump";

    /// <summary>The system reports the gateway clock not synchronised (synchronised: false), or synchronised again after that.</summary>
    public const string ClockSync = "clock-sync";
}
