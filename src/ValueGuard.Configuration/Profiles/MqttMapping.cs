namespace ValueGuard.Configuration.Profiles;

/// <summary>The MQTT side of a profile: the topic template, the payload format and where the timestamp is.</summary>
/// <param name="Topic">Topic template with named captures, e.g. <c>plant/{site}/{device}/telemetry</c>; a plain payload may add <c>{signal}</c>.</param>
/// <param name="Timestamp">Where a JSON payload carries its timestamp; null means arrival time.</param>
/// <param name="Payload">How the payload is encoded.</param>
/// <param name="OnlineSignal">Sparkplug B only: the bool signal set to 1 by a birth and 0 by a death certificate.</param>
/// <param name="SkipWithoutSignals">
/// JSON and plain: a payload holding none of the profile's fields is passed over (acknowledged, nothing stored) instead of
/// rejected; for publishers whose topic also carries other messages or partial updates (Shelly NotifyStatus).
/// </param>
/// <param name="Readings">JSON only: the payload carries an array of readings or a batch of timestamped entries.</param>
public sealed record MqttMapping(
    string Topic,
    TimestampMapping? Timestamp,
    PayloadFormat Payload = PayloadFormat.Json,
    string? OnlineSignal = null,
    bool SkipWithoutSignals = false,
    ReadingsMapping? Readings = null)
{
    /// <summary>The topic capture that names the signal of a plain payload.</summary>
    public const string SignalCapture = "{signal}";

    /// <summary>Whether the topic names the signal (<c>{signal}</c>), for plain payloads.</summary>
    public bool TopicNamesSignal => Topic.Contains(SignalCapture, StringComparison.Ordinal);
}
