namespace ValueGuard.Gateway.Web;

/// <summary>How far the gateway's buffers are behind: outbox actions not yet delivered, spool not yet forwarded.</summary>
public sealed record BufferHealth(string Store, long? SpoolPendingRecords, long? SpoolBytes, int OutboxPending, int OutboxDead, int OutboxDelivered, string LedgerHead, long LedgerRecords);
