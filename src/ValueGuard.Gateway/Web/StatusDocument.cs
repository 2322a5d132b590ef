namespace ValueGuard.Gateway.Web;

/// <summary>What <c>GET /api/status</c> returns (snake_case JSON; documented in docs/web-api.md).</summary>
public sealed record StatusDocument(
    string Site,
    DateTimeOffset Now,
    IReadOnlyList<DeviceStatus> Devices,
    IReadOnlyList<ClauseState> Clauses,
    IReadOnlyList<Reporting.Model.BreachEpisodeReport> Episodes,
    BufferHealth Buffer);
