using System.Net;

namespace ValueGuard.EdgeHub.Workload;

/// <summary>The workload API refused or failed a request (403 when the caller is not the module it signs for).</summary>
public sealed class WorkloadApiException(string message, HttpStatusCode status) : Exception(message)
{
    public HttpStatusCode Status { get; } = status;
}
