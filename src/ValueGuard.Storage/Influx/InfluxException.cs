using System.Net;

namespace ValueGuard.Storage.Influx;

/// <summary>InfluxDB could not be reached or refused a request as a whole (after retries where they help).</summary>
public sealed class InfluxException : Exception
{
    public InfluxException(string message, HttpStatusCode? statusCode = null, Exception? inner = null)
        : base(message, inner)
    {
        StatusCode = statusCode;
    }

    public InfluxException() : this("InfluxDB request failed") { }

    public InfluxException(string message) : this(message, null, null) { }

    public InfluxException(string message, Exception inner) : this(message, null, inner) { }

    /// <summary>The last HTTP status, or null when no answer came.</summary>
    public HttpStatusCode? StatusCode { get; }
}
