namespace ValueGuard.EdgeHub.Methods;

/// <summary>What the <c>getStatus</c> direct method reports: clause states and buffer health.</summary>
public interface IGatewayStatusSource
{
    Task<GatewayStatus> GetStatusAsync(CancellationToken ct);
}
