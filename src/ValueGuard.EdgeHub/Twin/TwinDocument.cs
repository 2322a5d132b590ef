using System.Text.Json.Nodes;

namespace ValueGuard.EdgeHub.Twin;

/// <summary>The module twin as edgeHub returns it: desired and reported properties, each with its <c>$version</c>.</summary>
public sealed record TwinDocument(JsonObject Desired, JsonObject Reported)
{
    public long DesiredVersion => VersionOf(Desired);

    public static long VersionOf(JsonObject properties) =>
        properties["$version"] is JsonValue v && v.TryGetValue<long>(out var version) ? version : 0;
}
