using System.Text.Json.Nodes;

namespace ValueGuard.EdgeHub.Methods;

/// <summary>The answer to a direct method: a status (any integer; HTTP-like by convention) and a JSON payload.</summary>
public sealed record MethodResponse(int Status, JsonNode? Payload)
{
    public static MethodResponse Ok(JsonNode? payload) => new(200, payload);

    public static MethodResponse Error(int status, string message) => new(status, new JsonObject { ["error"] = message });
}
