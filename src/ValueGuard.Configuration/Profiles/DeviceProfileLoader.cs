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
        var mqtt = ascii ? null : MqttProfileReader.Read(r, errors);
        var format = ascii ? (PayloadFormat?)null : mqtt?.Payload;
        if (r.Mapping("signals", required: true) is { } signalMap)
        {
            foreach (var (keyNode, valueNode) in signalMap.Children)
            {
                if (MappingKeys.Name(keyNode, "signals", errors) is not { } signalName) continue;
                if (valueNode is not YamlMappingNode body)
                {
                    errors.Add(valueNode, $"signal '{signalName}': expected a mapping like {{ field: temp_c, type: float }}");
                    continue;
                }
                if (ReadSignal(signalName, body, defaultGap, ascii, format, errors) is { } signal) signals[signalName] = signal;
            }
            if (signalMap.Children.Count == 0) errors.Add(signalMap, "profile: 'signals' is empty", "list at least one signal");
            if (asciiMapping is not null) AsciiProfileReader.CheckFields(asciiMapping, signalMap, signals, errors);
            if (mqtt is { Payload: PayloadFormat.Plain, TopicNamesSignal: false } && signalMap.Children.Count > 1)
                errors.Add(signalMap, "profile: a plain payload carries one value, but several signals are listed",
                    "keep one signal, or put {signal} in the topic (for example stat/{device}/{signal}) so that each signal's field names its topic level");
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

    private static SignalMapping? ReadSignal(string name, YamlMappingNode body, TimeSpan defaultGap, bool ascii, PayloadFormat? format, ErrorList errors)
    {
        // Fixed texts stand for numbers in ASCII lines and in JSON and plain MQTT payloads; Sparkplug metrics are typed.
        var texts = ascii || format is PayloadFormat.Json or PayloadFormat.Plain;
        string[] keys = texts ? ["field", "type", "unit", "max_gap", "scale", "offset", "values"] : ["field", "type", "unit", "max_gap", "scale", "offset"];
        var r = new MappingReader(body, $"signal '{name}'", errors, keys);
        // An ASCII field defaults to the signal's own name: (?<weight>…) feeds the signal weight; so does a plain
        // payload's, matched against the topic's {signal} level.
        var field = ascii || format == PayloadFormat.Plain ? r.String("field") ?? name : r.String("field", required: true);
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
        var values = texts ? ReadValues(r) : null;
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
