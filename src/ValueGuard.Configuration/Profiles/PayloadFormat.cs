namespace ValueGuard.Configuration.Profiles;

/// <summary>How an MQTT payload is encoded (<c>mqtt.payload</c> of a device profile).</summary>
public enum PayloadFormat
{
    /// <summary>A JSON object (signals name dotted field paths) or, with <see cref="MqttMapping.Readings"/>, an array of readings.</summary>
    Json,

    /// <summary>Sparkplug B protobuf (Sparkplug 3.0); signals name metrics.</summary>
    SparkplugB,

    /// <summary>The whole payload is one value as text: <c>23.5</c>, <c>true</c>, <c>ON</c> (through the signal's <c>values</c>).</summary>
    Plain,
}
