namespace ValueGuard.Gateway.Web;

/// <summary>How far the gateway's buffers are behind: outbox actions not yet delivered, spool not yet forwarded.</summary>
public sealed record BufferHealth(string Store, long? SpoolPendingRecords, long? SpoolBytes, int OutboxPending, int OutboxDead, int OutboxDelivered, string LedgerHead, long LedgerRecords)
{
    /// <summary>The dead actions one by one (retry them with <c>valueguard escalation retry</c>).</summary>
    public IReadOnlyList<DeadAction> DeadActions { get; init; } = [];
}
