namespace ValueGuard.Core.Evidence;

/// <summary>The kinds of evidence records, as written in the ledger.</summary>
public static class EvidenceKinds
{
    public const string ContractLoaded = "contract-loaded";
    public const string Transition = "transition";
    public const string TicketAction = "ticket-action";

    /// <summary>Data that was accepted but is gone (a torn spool or ledger tail after a crash); it lowers coverage.</summary>
    public const string DataLoss = "data-loss";

    /// <summary>A person acknowledged a breached clause (who, why); the clause's move to Acknowledged.</summary>
    public const string Acknowledgement = "acknowledgement";
}
