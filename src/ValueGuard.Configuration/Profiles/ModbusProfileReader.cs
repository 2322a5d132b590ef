using ValueGuard.Configuration.Yaml;
using ValueGuard.Core.Signals;
using YamlDotNet.RepresentationModel;

namespace ValueGuard.Configuration.Profiles;

/// <summary>Reads the <c>modbus:</c> section of a <c>transport: modbus-rtu</c> profile; every register becomes a signal.</summary>
internal static class ModbusProfileReader
{
    private static readonly string[] Tables = ["coil", "discrete", "holding", "input"];
    private static readonly string[] Types = ["bit", "int16", "uint16", "int32", "uint32", "int64", "uint64", "float32", "float64"];
    private static readonly string[] Orders = ["big", "little"];
    private static readonly string[] Kinds = ["bool", "float", "counter"];

    public static ModbusMapping? Read(MappingReader profile, TimeSpan defaultGap, Dictionary<string, SignalMapping> signals)
    {
        var errors = profile.Errors;
        if (profile.Mapping("modbus", required: true) is not { } node) return null;
        var r = new MappingReader(node, "modbus", errors, "poll", "slave", "registers");
        var poll = r.Duration("poll") ?? TimeSpan.FromSeconds(1);
        if (poll < TimeSpan.FromMilliseconds(10)) errors.Add(r.Scalar("poll")!, $"modbus: poll {poll} is too short", "poll at most every 10ms, usually 1s");
        var slave = Integer(r, "slave", 1, 247) ?? 1;
        var registers = new List<ModbusRegisterMapping>();
        if (r.Sequence("registers", required: true) is { } list)
        {
            if (list.Children.Count == 0) errors.Add(list, "modbus: 'registers' is empty", "list at least one register, for example - { signal: running, table: holding, address: 0 }");
            foreach (var item in list.Children)
            {
                if (item is not YamlMappingNode body)
                {
                    errors.Add(item, "modbus: a register must be a mapping like { signal: temperature, table: holding, address: 0, type: float32 }");
                    continue;
                }
                if (ReadRegister(body, errors, defaultGap, signals) is { } register) registers.Add(register);
            }
        }
        return new ModbusMapping(poll, (byte)slave, registers);
    }

    private static ModbusRegisterMapping? ReadRegister(YamlMappingNode body, ErrorList errors, TimeSpan defaultGap, Dictionary<string, SignalMapping> signals)
    {
        var r = new MappingReader(body, "register", errors,
            "signal", "table", "address", "type", "word_order", "byte_order", "bit", "scale", "offset", "kind", "unit", "max_gap", "flag", "valid");
        var signalNode = r.Scalar("signal", required: true);
        var table = OneOf(r, "table", Tables, required: true);
        var address = Integer(r, "address", 0, 65535, required: true);
        var isBitTable = table is "coil" or "discrete";
        var type = OneOf(r, "type", Types) ?? (isBitTable ? "bit" : "uint16");
        var wordOrder = OneOf(r, "word_order", Orders) ?? "big";
        var byteOrder = OneOf(r, "byte_order", Orders) ?? "big";
        var bit = Integer(r, "bit", 0, 15);
        var flag = Limits(r, "flag", "at_most", "at_least");
        var valid = Limits(r, "valid", "above", "below");
        var kindName = OneOf(r, "kind", Kinds) ?? (isBitTable || bit is not null || flag is not null ? "bool" : "float");
        if (flag is not null && valid is not null) errors.Add(r.Get("valid")!, "register: a flag is 0 or 1 for every raw value; valid does not apply to it", "put valid: on the register line that stores the value");
        if (flag is not null && (r.Has("scale") || r.Has("offset"))) errors.Add(r.Get("flag")!, "register: a flag compares the raw value; scale and offset do not apply", "remove scale and offset, and give the limits in raw counts");
        var gap = r.Duration("max_gap") ?? defaultGap;
        var scale = r.Number("scale") ?? 1;
        var offset = r.Number("offset") ?? 0;
        if (isBitTable && type != "bit") errors.Add(r.Scalar("type")!, $"register: a {table} is a single bit, not {type}", "leave out type or write type: bit");
        if (!isBitTable && table is not null && type == "bit" && bit is null) errors.Add(r.Scalar("type")!, "register: type bit in a register needs the bit number", "add bit: 0..15, or use a coil or discrete input");
        if (bit is not null && (isBitTable || type is not ("uint16" or "int16" or "bit"))) errors.Add(r.Scalar("bit")!, "register: bit picks one bit of a 16-bit register", "use type: uint16 on a holding or input register with bit:");
        if (address is not null && address + Width(type) > 65536) errors.Add(r.Scalar("address")!, $"register: {type} at address {address} runs past 65535", "check the device manual's register number");
        if (scale == 0) errors.Add(r.Scalar("scale")!, "register: scale 0 would make every value 0", "leave out scale or give the factor, for example 0.1");
        if (signalNode?.Value is not { } signal || table is null || address is null) return null;
        if (signals.ContainsKey(signal))
        {
            errors.Add(signalNode, $"register: signal '{signal}' is mapped twice", "give every register its own signal name");
            return null;
        }
        var kind = kindName switch { "bool" => SignalKind.Bool, "counter" => SignalKind.Counter, _ => SignalKind.Float };
        signals[signal] = new SignalMapping(signal, $"{table}:{address}", kind, r.String("unit"), gap, scale, offset);
        return new ModbusRegisterMapping(signal, table, (ushort)address, type, wordOrder, byteOrder, bit, scale, offset) { Flag = flag, Valid = valid };
    }

    /// <summary>
    /// <c>flag: { at_most: 3600, at_least: 21000 }</c> (1 when the raw value reaches a limit) or
    /// <c>valid: { above: 3600, below: 21000 }</c> (stored only strictly between), in raw counts; at least one limit.
    /// </summary>
    private static RawLimits? Limits(MappingReader register, string key, string low, string high)
    {
        if (register.Mapping(key) is not { } node) return null;
        var r = new MappingReader(node, key, register.Errors, low, high);
        var (lo, hi) = (r.Number(low), r.Number(high));
        if (!r.Has(low) && !r.Has(high))
        {
            r.Errors.Add(node, $"register: {key} needs {low}, {high} or both", $"write for example {key}: {{ {low}: 3600, {high}: 21000 }} in raw counts");
            return null;
        }
        if (lo >= hi) r.Errors.Add(node, $"register: {key} {low} {lo} is not below {high} {hi}", $"give {low} the smaller raw value");
        // Both read as one test: a flag is raised, and a value refused, when the raw value is at or beyond a limit.
        return new RawLimits(lo, hi);
    }

    private static int Width(string type) => type switch
    {
        "int32" or "uint32" or "float32" => 2,
        "int64" or "uint64" or "float64" => 4,
        _ => 1,
    };

    private static string? OneOf(MappingReader r, string key, string[] allowed, bool required = false)
    {
        var node = r.Scalar(key, required);
        if (node is null) return null;
        if (allowed.Contains(node.Value, StringComparer.Ordinal)) return node.Value;
        var guess = KeyMatcher.Closest(node.Value!, allowed);
        r.Errors.Add(node, $"{r.What}: {key} '{node.Value}' is not known", guess is null ? $"use one of {string.Join(", ", allowed)}" : $"did you mean '{guess}'?");
        return null;
    }

    private static int? Integer(MappingReader r, string key, int min, int max, bool required = false)
    {
        var node = r.Scalar(key, required);
        if (node is null) return null;
        if (int.TryParse(node.Value, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var value) && value >= min && value <= max) return value;
        r.Errors.Add(node, $"{r.What}: {key} '{node.Value}' is not a whole number from {min} to {max}", key == "address"
            ? "write the zero-based protocol address; a manual's 40001 is holding address 0"
            : $"write a number from {min} to {max}");
        return null;
    }
}
