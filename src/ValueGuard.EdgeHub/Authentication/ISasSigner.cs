namespace ValueGuard.EdgeHub.Authentication;

/// <summary>Computes base64(HMAC-SHA256(module key, data)): the workload API on a device, a local key for dev tools.</summary>
public interface ISasSigner
{
    Task<string> SignAsync(byte[] data, CancellationToken ct);
}
