namespace ValueGuard.EdgeHub.Twin;

/// <summary>edgeHub answered a twin request with an error status (400 bad JSON, 429 throttled, 5xx) or not at all.</summary>
public sealed class TwinRequestException(string message, int status) : Exception(message)
{
    public int Status { get; } = status;
}
