namespace ValueGuard.Gateway.Web;

/// <summary>What <c>GET /api/status</c> returns (snake_case JSON; documented in docs/web-api.md).</summary>
public sealed record StatusDocument(
    string Site,
    DateTimeOffset Now,
    IReadOnlyList<DeviceStatus> Devices,
    IReadOnlyList<ClauseState> Clauses,
    IReadOnlyList<Reporting.Model.BreachEpisodeReport> Episodes,
    BufferHealth Buffer);

/// <summary>A device, its last contact and the latest value of each of its signals.</summary>
public sealed record DeviceStatus(string Device, string Profile, DateTimeOffset? LastContact, IReadOnlyList<SignalValue> Signals);

/// <summary>The newest sample of a signal since the gateway started.</summary>
public sealed record SignalValue(string Signal, double? Value, DateTimeOffset? At);

/// <summary>A clause's commitment state, latest evaluation and recent transitions.</summary>
public sealed record ClauseState(
    string Contract,
    string Clause,
    string Text,
    string Target,
    string State,
    DateTimeOffset Since,
    int Episode,
    int EscalationLevel,
    string? Verdict,
    string? Value,
    double? Coverage,
    DateTimeOffset? EvaluatedAt,
    IReadOnlyList<TimelineEntry> Timeline);

/// <summary>One move of a clause's commitment, from the evidence ledger.</summary>
public sealed record TimelineEntry(DateTimeOffset At, string From, string To);

/// <summary>How far the gateway's buffers are behind: outbox actions not yet delivered, spool not yet forwarded.</summary>
public sealed record BufferHealth(string Store, long? SpoolPendingRecords, long? SpoolBytes, int OutboxPending, int OutboxDead, int OutboxDelivered, string LedgerHead, long LedgerRecords);
