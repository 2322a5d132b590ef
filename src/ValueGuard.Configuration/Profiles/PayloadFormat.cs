namespace ValueGuard.Configuration.Profiles;

/// <summary>How an MQTT payload is encoded (<c>mqtt.payload</c> of a device profile).</summary>
public enum PayloadFormat
{
    /// <summary>A JSON object; signals name dotted field paths.</summary>
    Json,

    /// <summary>Sparkplug B protobuf (Sparkplug 3.0); signals name metrics.</summary>
    SparkplugB,
}
