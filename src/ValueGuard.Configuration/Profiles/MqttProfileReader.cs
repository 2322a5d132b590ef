using ValueGuard.Configuration.Yaml;
using YamlDotNet.RepresentationModel;

namespace ValueGuard.Configuration.Profiles;

/// <summary>Reads the <c>mqtt:</c> section of a <c>transport: mqtt</c> profile: topic, payload format, timestamps, readings.</summary>
internal static class MqttProfileReader
{
    public static MqttMapping? Read(MappingReader profile, ErrorList errors)
    {
        var node = profile.Mapping("mqtt", required: true);
        if (node is null) return null;
        var r = new MappingReader(node, "mqtt", errors, "topic", "payload", "timestamp", "online_signal", "without_signals", "readings");
        var topic = r.Scalar("topic", required: true);
        if (topic is not null && !topic.Value!.Contains("{device}", StringComparison.Ordinal))
            errors.Add(topic, "mqtt: the topic template has no {device} capture", "name the device's place in the topic, for example plant/{site}/{device}/telemetry");
        var payload = r.Scalar("payload");
        PayloadFormat? format = (payload?.Value ?? "json") switch
        {
            "json" => PayloadFormat.Json,
            "sparkplug_b" => PayloadFormat.SparkplugB,
            "plain" => PayloadFormat.Plain,
            _ => null,
        };
        if (format is null) errors.Add(payload!, $"mqtt: payload '{payload!.Value}' is not supported by this version", "use payload: json, plain or sparkplug_b");
        var online = r.Scalar("online_signal");
        var withoutSignals = r.Scalar("without_signals");
        if (withoutSignals is not null && withoutSignals.Value is not ("skip" or "reject"))
            errors.Add(withoutSignals, $"mqtt: without_signals '{withoutSignals.Value}' is not known", "use skip (pass over payloads holding none of the fields) or reject (the default: dead-letter them)");
        if (topic is not null && format != PayloadFormat.Plain && topic.Value!.Contains(MqttMapping.SignalCapture, StringComparison.Ordinal))
            errors.Add(topic, "mqtt: a {signal} capture in the topic applies to payload: plain only", "remove {signal} (use + for a level that varies) or set payload: plain");
        if (format == PayloadFormat.SparkplugB)
        {
            if (topic is not null && !IsSparkplugTemplate(topic.Value!))
                errors.Add(topic, $"mqtt: '{topic.Value}' is not a Sparkplug B topic template", "use spBv1.0/{group}/{message_type}/{device} for an edge node's own metrics or spBv1.0/{group}/{message_type}/{node}/{device} for its devices (the group and node may be fixed names)");
            if (r.Get("timestamp") is { } tsNode) errors.Add(tsNode, "mqtt: a Sparkplug B payload carries its own timestamps", "remove timestamp:");
        }
        else if (online is not null)
        {
            errors.Add(online, "mqtt: online_signal applies to payload: sparkplug_b only", "remove online_signal or set payload: sparkplug_b");
        }
        if (format == PayloadFormat.Plain && r.Get("timestamp") is { } plainTs)
            errors.Add(plainTs, "mqtt: a plain payload is only a value; it carries no timestamp", "remove timestamp: (samples take the arrival time)");
        if (format != PayloadFormat.Json && r.Get("readings") is { } strayReadings)
            errors.Add(strayReadings, "mqtt: readings applies to payload: json only", "remove readings: or set payload: json");
        var timestamp = r.Mapping("timestamp") is { } ts ? ReadTimestamp(ts, errors) : null;
        var readings = format == PayloadFormat.Json && r.Mapping("readings") is { } rn ? ReadReadings(rn, errors) : null;
        return topic is null || format is null
            ? null
            : new MqttMapping(topic.Value!, timestamp, format.Value, format == PayloadFormat.SparkplugB ? online?.Value : null, withoutSignals?.Value == "skip", readings);
    }

    private static TimestampMapping? ReadTimestamp(YamlMappingNode ts, ErrorList errors)
    {
        var tr = new MappingReader(ts, "timestamp", errors, "field", "unit");
        var field = tr.String("field", required: true);
        var unitNode = tr.Scalar("unit");
        TimestampUnit? unit = (unitNode?.Value ?? "ms") switch
        {
            "s" => TimestampUnit.Seconds,
            "ms" => TimestampUnit.Milliseconds,
            "us" => TimestampUnit.Microseconds,
            "ns" => TimestampUnit.Nanoseconds,
            "iso8601" => TimestampUnit.Iso8601,
            _ => null,
        };
        if (unit is null) errors.Add(unitNode!, $"timestamp: unit '{unitNode!.Value}' is not known", "use s, ms, us, ns or iso8601");
        return field is not null && unit is not null ? new TimestampMapping(field, unit.Value) : null;
    }

    private static ReadingsMapping? ReadReadings(YamlMappingNode node, ErrorList errors)
    {
        var r = new MappingReader(node, "readings", errors, "array", "name", "value", "timestamp", "quality");
        var array = r.Scalar("array");
        var quality = r.Scalar("quality");
        var name = r.Scalar("name");
        var value = r.Scalar("value");
        if ((name is null) != (value is null))
        {
            errors.Add((YamlNode?)name ?? value!, "readings: name and value go together",
                "give both (each item is one reading: { name: id, value: v }) or neither (each item is an object of signal fields)");
            return null;
        }
        foreach (var path in new[] { array, name, value, quality })
        {
            if (path?.Value is { } text && (text.Length == 0 || text.Split('.').Any(p => p.Length == 0)))
                errors.Add(path, $"readings: '{text}' is not a field path", "write a dotted path such as values or data.readings");
        }
        var timestamp = r.Mapping("timestamp") is { } ts ? ReadTimestamp(ts, errors) : null;
        return new ReadingsMapping(array?.Value, name?.Value, value?.Value, timestamp, quality?.Value);
    }

    /// <summary>The Sparkplug B topic namespace: spBv1.0/group/message_type/edge_node[/device].</summary>
    private static bool IsSparkplugTemplate(string template)
    {
        var levels = template.Split('/');
        return levels.Length is 4 or 5 && levels[0] == "spBv1.0" && levels[2] == "{message_type}" && levels[^1] == "{device}"
            && levels.All(l => l.Length > 0 && !l.Contains('+', StringComparison.Ordinal) && !l.Contains('#', StringComparison.Ordinal));
    }
}
