using System.Text.Json.Nodes;

namespace ValueGuard.Gateway.Status;

/// <summary>
/// One concern's part of the gateway status (<c>spool</c>, <c>store</c>, <c>ingest</c>, …): a JSON object
/// under <see cref="Name"/> in <c>status.json</c>. Register more in the service collection to add sections.
/// </summary>
public interface IStatusSection
{
    string Name { get; }

    /// <summary>The section now; called every status interval from one thread.</summary>
    JsonObject Read(DateTimeOffset now);
}
