using ValueGuard.EdgeHub.Workload;

namespace ValueGuard.EdgeHub.Authentication;

/// <summary>Has the IoT Edge daemon sign with the module's key, which never leaves the daemon.</summary>
public sealed class WorkloadSigner(WorkloadApiClient workload, string moduleId, string generationId) : ISasSigner
{
    public Task<string> SignAsync(byte[] data, CancellationToken ct) => workload.SignAsync(moduleId, generationId, data, ct);
}
