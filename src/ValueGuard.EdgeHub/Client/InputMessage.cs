namespace ValueGuard.EdgeHub.Client;

/// <summary>A message edgeHub routed to one of this module's inputs, with its system and application properties.</summary>
public sealed record InputMessage(string InputName, ReadOnlyMemory<byte> Body, IReadOnlyDictionary<string, string?> Properties);
