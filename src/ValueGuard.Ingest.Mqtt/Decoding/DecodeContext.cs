namespace ValueGuard.Ingest.Mqtt.Decoding;

/// <summary>What a decoder knows about a message besides its payload.</summary>
/// <param name="TopicSignal">The topic's <c>{signal}</c> level, when the profile's topic has one (plain payloads).</param>
/// <param name="Limits">How far item timestamps may lie from the arrival time; batch items outside are rejected one by one.</param>
public sealed record DecodeContext(string? TopicSignal = null, TimestampLimits? Limits = null)
{
    public static DecodeContext None { get; } = new();
}
