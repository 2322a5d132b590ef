namespace ValueGuard.EdgeHub.Methods;

/// <summary>A direct method call: its name and JSON payload (empty when the caller sent none).</summary>
public sealed record MethodRequest(string Name, ReadOnlyMemory<byte> Payload);
