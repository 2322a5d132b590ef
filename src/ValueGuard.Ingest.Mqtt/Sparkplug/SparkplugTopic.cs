namespace ValueGuard.Ingest.Mqtt.Sparkplug;

/// <summary>
/// A topic of the Sparkplug B namespace (Sparkplug 3.0, "Topic Namespace Elements"):
/// <c>spBv1.0/{group_id}/{message_type}/{edge_node_id}[/{device_id}]</c>.
/// </summary>
public readonly record struct SparkplugTopic(string Group, string MessageType, string Node, string? Device)
{
    public const string Namespace = "spBv1.0";

    /// <summary>Message types an edge node publishes and that carry telemetry or its life cycle.</summary>
    public static readonly string[] NodeMessageTypes = ["NBIRTH", "NDATA", "NDEATH"];

    public static readonly string[] DeviceMessageTypes = ["DBIRTH", "DDATA", "DDEATH"];

    public bool IsDeviceLevel => Device is not null;

    /// <summary>Reads a topic; null when it is not in the namespace or has the wrong number of levels for its type.</summary>
    public static SparkplugTopic? Parse(string topic)
    {
        var levels = topic.Split('/', 6);
        if (levels.Length is not (4 or 5) || levels[0] != Namespace || levels.Any(l => l.Length == 0)) return null;
        var type = levels[2];
        if (levels.Length == 4 && NodeMessageTypes.Contains(type)) return new SparkplugTopic(levels[1], type, levels[3], null);
        if (levels.Length == 5 && DeviceMessageTypes.Contains(type)) return new SparkplugTopic(levels[1], type, levels[3], levels[4]);
        return null;
    }
}
