namespace ValueGuard.Configuration.Profiles;

/// <summary>The MQTT side of a profile: the topic template and where the timestamp is.</summary>
/// <param name="Topic">Topic template with named captures, e.g. <c>plant/{site}/{device}/telemetry</c>.</param>
/// <param name="Timestamp">Where the payload carries its timestamp; null means arrival time.</param>
public sealed record MqttMapping(string Topic, TimestampMapping? Timestamp);
