using System.Text.Json;
using System.Text.Json.Serialization;

namespace ValueGuard.Cli.Probe;

/// <summary>One decoded value of <c>probe serial --read</c>: its first address, its registers in hex (or bits) and the number.</summary>
internal sealed record ProbeValue(
    [property: JsonPropertyName("address")] int Address,
    [property: JsonPropertyName("raw")] IReadOnlyList<string> Raw,
    [property: JsonPropertyName("value")] double Value)
{
    public static readonly JsonSerializerOptions Json = new() { WriteIndented = true };
}
