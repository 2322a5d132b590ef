using ValueGuard.Configuration.Errors;
using ValueGuard.Configuration.Yaml;
using ValueGuard.Core.Signals;
using YamlDotNet.RepresentationModel;

namespace ValueGuard.Configuration.Profiles;

/// <summary>Loads and validates a device profile YAML file.</summary>
public static class DeviceProfileLoader
{
    private static readonly string[] SignalTypes = ["bool", "float", "int", "counter"];

    /// <summary>The <see cref="SignalMapping.Field"/> of a Sparkplug B profile's online signal (births and deaths, not a metric).</summary>
    public const string SparkplugOnlineField = "$online";

    public static ConfigResult<DeviceProfile> Load(string file, string text)
    {
        var errors = new ErrorList(file);
        var root = YamlDocumentLoader.Load(file, text, errors);
        if (root is null) return new(null, errors.Errors);
        var profile = Read(root, errors);
        return new(errors.Any ? null : profile, errors.Errors);
    }

    public static ConfigResult<DeviceProfile> LoadFile(string path) => Load(path, File.ReadAllText(path));

    private static DeviceProfile? Read(YamlMappingNode root, ErrorList errors)
    {
        var r = new MappingReader(root, "profile", errors, "profile", "description", "source", "transport", "mqtt", "modbus", "ascii", "max_gap", "signals");
        var name = r.String("profile", required: true);
        var transport = r.Scalar("transport", required: true);
        if (transport is not null && transport.Value is not ("mqtt" or "modbus-rtu" or "ascii-line"))
            errors.Add(transport, $"profile: transport '{transport.Value}' is not supported by this version", "use transport: mqtt, modbus-rtu or ascii-line");
        foreach (var section in (string[])["mqtt", "modbus", "ascii"])
        {
            var owner = section switch { "mqtt" => "mqtt", "modbus" => "modbus-rtu", _ => "ascii-line" };
            if (transport?.Value is "mqtt" or "modbus-rtu" or "ascii-line" && transport.Value != owner && r.Get(section) is { } stray)
                errors.Add(stray, $"profile: {section}: does not apply to transport {transport.Value}", $"remove the {section} section");
        }
        var defaultGap = r.Duration("max_gap") ?? SignalSpec.DefaultMaxGap;
        var signals = new Dictionary<string, SignalMapping>(StringComparer.Ordinal);
        if (transport?.Value == "modbus-rtu")
        {
            // A Modbus register map names its signals itself; a separate signals: section would say it twice.
            if (r.Get("signals") is { } extra) errors.Add(extra, "profile: a modbus-rtu profile lists its signals under modbus.registers", "move each signal into a register line and remove signals:");
            var modbus = ModbusProfileReader.Read(r, defaultGap, signals);
            if (name is null || modbus is null) return null;
            return new DeviceProfile(name, r.String("description"), r.String("source"), null, signals, modbus);
        }
        var ascii = transport?.Value == "ascii-line";
        var asciiMapping = ascii ? AsciiProfileReader.Read(r) : null;
        var mqtt = ascii ? null : ReadMqtt(r, errors);
        if (r.Mapping("signals", required: true) is { } signalMap)
        {
            foreach (var (keyNode, valueNode) in signalMap.Children)
            {
                var signalName = ((YamlScalarNode)keyNode).Value ?? string.Empty;
                if (valueNode is not YamlMappingNode body)
                {
                    errors.Add(valueNode, $"signal '{signalName}': expected a mapping like {{ field: temp_c, type: float }}");
                    continue;
                }
                if (ReadSignal(signalName, body, defaultGap, ascii, errors) is { } signal) signals[signalName] = signal;
            }
            if (signalMap.Children.Count == 0) errors.Add(signalMap, "profile: 'signals' is empty", "list at least one signal");
            if (asciiMapping is not null) AsciiProfileReader.CheckFields(asciiMapping, signalMap, signals, errors);
        }
        if (ascii) return name is null || asciiMapping is null ? null : new DeviceProfile(name, r.String("description"), r.String("source"), null, signals) { Ascii = asciiMapping };
        if (mqtt?.OnlineSignal is { } online)
        {
            if (signals.ContainsKey(online))
                errors.Add(r.Get("signals")!, $"profile: signal '{online}' is both a metric and the online_signal", "give the online state its own signal name");
            else
                signals[online] = new SignalMapping(online, SparkplugOnlineField, SignalKind.Bool, null, defaultGap);
        }
        if (name is null || mqtt is null) return null;
        return new DeviceProfile(name, r.String("description"), r.String("source"), mqtt, signals);
    }

    private static MqttMapping? ReadMqtt(MappingReader profile, ErrorList errors)
    {
        var node = profile.Mapping("mqtt", required: true);
        if (node is null) return null;
        var r = new MappingReader(node, "mqtt", errors, "topic", "payload", "timestamp", "online_signal", "without_signals");
        var topic = r.Scalar("topic", required: true);
        if (topic is not null && !topic.Value!.Contains("{device}", StringComparison.Ordinal))
            errors.Add(topic, "mqtt: the topic template has no {device} capture", "name the device's place in the topic, for example plant/{site}/{device}/telemetry");
        var payload = r.Scalar("payload");
        PayloadFormat? format = (payload?.Value ?? "json") switch
        {
            "json" => PayloadFormat.Json,
            "sparkplug_b" => PayloadFormat.SparkplugB,
            _ => null,
        };
        if (format is null) errors.Add(payload!, $"mqtt: payload '{payload!.Value}' is not supported by this version", "use payload: json or payload: sparkplug_b");
        var online = r.Scalar("online_signal");
        var withoutSignals = r.Scalar("without_signals");
        if (withoutSignals is not null && withoutSignals.Value is not ("skip" or "reject"))
            errors.Add(withoutSignals, $"mqtt: without_signals '{withoutSignals.Value}' is not known", "use skip (pass over payloads holding none of the fields) or reject (the default: dead-letter them)");
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
        TimestampMapping? timestamp = null;
        if (r.Mapping("timestamp") is { } ts)
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
            if (field is not null && unit is not null) timestamp = new TimestampMapping(field, unit.Value);
        }
        return topic is null || format is null ? null : new MqttMapping(topic.Value!, timestamp, format.Value, format == PayloadFormat.SparkplugB ? online?.Value : null, withoutSignals?.Value == "skip");
    }

    /// <summary>The Sparkplug B topic namespace: spBv1.0/group/message_type/edge_node[/device].</summary>
    private static bool IsSparkplugTemplate(string template)
    {
        var levels = template.Split('/');
        return levels.Length is 4 or 5 && levels[0] == "spBv1.0" && levels[2] == "{message_type}" && levels[^1] == "{device}"
            && levels.All(l => l.Length > 0 && !l.Contains('+', StringComparison.Ordinal) && !l.Contains('#', StringComparison.Ordinal));
    }

    private static SignalMapping? ReadSignal(string name, YamlMappingNode body, TimeSpan defaultGap, bool ascii, ErrorList errors)
    {
        string[] keys = ascii ? ["field", "type", "unit", "max_gap", "scale", "offset", "values"] : ["field", "type", "unit", "max_gap", "scale", "offset"];
        var r = new MappingReader(body, $"signal '{name}'", errors, keys);
        // An ASCII field defaults to the signal's own name: (?<weight>…) feeds the signal weight.
        var field = ascii ? r.String("field") ?? name : r.String("field", required: true);
        var typeNode = r.Scalar("type", required: true);
        SignalKind? kind = typeNode?.Value switch
        {
            "bool" => SignalKind.Bool,
            "float" or "int" => SignalKind.Float,
            "counter" => SignalKind.Counter,
            _ => null,
        };
        if (typeNode is not null && kind is null)
        {
            var guess = KeyMatcher.Closest(typeNode.Value!, SignalTypes);
            errors.Add(typeNode, $"signal '{name}': type '{typeNode.Value}' is not known", guess is null ? "use bool, float, int or counter" : $"did you mean '{guess}'?");
        }
        var gap = r.Duration("max_gap") ?? defaultGap;
        var scale = r.Number("scale") ?? 1;
        var offset = r.Number("offset") ?? 0;
        var values = ascii ? ReadValues(r) : null;
        if (field is null || kind is null) return null;
        return new SignalMapping(name, field, kind.Value, r.String("unit"), gap, scale, offset) { Values = values };
    }

    /// <summary>A field's fixed texts and their numbers: <c>values: { S: 1, D: 0 }</c>.</summary>
    private static Dictionary<string, double>? ReadValues(MappingReader signal)
    {
        if (signal.Mapping("values") is not { } map) return null;
        var values = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var (key, value) in map.Children)
        {
            if (key is YamlScalarNode { Value: { } text } && value is YamlScalarNode { Value: { } number }
                && double.TryParse(number, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var parsed) && double.IsFinite(parsed))
                values[text] = parsed;
            else signal.Errors.Add(value, $"{signal.What}: values maps each text the field may hold to a number", "write for example values: { S: 1, D: 0 }");
        }
        return values;
    }
}
