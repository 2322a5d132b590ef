using System.Globalization;
using ValueGuard.Configuration.Yaml;
using ValueGuard.Core.Kpis;
using ValueGuard.Core.Signals;
using YamlDotNet.RepresentationModel;

namespace ValueGuard.Configuration.Contracts;

/// <summary>Reads a clause's <c>kpi:</c> mapping into a KPI definition, checking signals against the site.</summary>
internal static class KpiReader
{
    public static readonly string[] Kinds = ["availability", "uptime", "downtime", "ratio", "aggregate", "online", "events", "mtbf", "mttr", "oee"];

    private static readonly string[] Functions = ["avg", "min", "max", "sum", "count", "p50", "p95", "p99"];

    public static KpiDefinition? Read(YamlMappingNode map, ErrorList errors, ISignalCatalog? catalog, out YamlSequenceNode? exclude)
    {
        var r = new MappingReader(map, "kpi", errors, "kind", "signal", "up_when", "down_when", "good", "total", "success", "function",
            "devices", "heartbeat_timeout", "running", "ideal_cycle", "exclude");
        exclude = r.Sequence("exclude");
        var kindNode = r.Scalar("kind", required: true);
        switch (kindNode?.Value)
        {
            case null:
                return null;
            case "availability" or "uptime":
                var up = Signal(r, "signal", errors, catalog);
                var upWhen = State(r, "up_when", true, errors);
                return up is null || upWhen is null ? null : new AvailabilityKpi(up.Value, upWhen.Value);
            case "downtime":
                var down = Signal(r, "signal", errors, catalog);
                var downWhen = State(r, "down_when", false, errors);
                return down is null || downWhen is null ? null : new DowntimeKpi(down.Value, downWhen.Value);
            case "events" or "mtbf" or "mttr":
                var machine = Signal(r, "signal", errors, catalog);
                var stopWhen = State(r, "down_when", false, errors);
                var measure = kindNode.Value switch { "events" => FailureMeasure.Count, "mtbf" => FailureMeasure.Mtbf, _ => FailureMeasure.Mttr };
                return machine is null || stopWhen is null ? null : new FailureKpi(machine.Value, stopWhen.Value, measure);
            case "ratio":
                return ReadRatio(r, map, errors, catalog);
            case "aggregate":
                var signal = Signal(r, "signal", errors, catalog);
                var function = ReadFunction(r, errors);
                return signal is null || function is null ? null : new AggregateKpi(signal.Value, function.Value);
            case "online":
                return ReadOnline(r, errors, catalog);
            case "oee":
                var running = Signal(r, "running", errors, catalog);
                var cycle = r.Duration("ideal_cycle", required: true);
                var total = Signal(r, "total", errors, catalog);
                var good = Signal(r, "good", errors, catalog);
                return running is null || cycle is null || total is null || good is null ? null : new OeeKpi(running.Value, cycle.Value, total.Value, good.Value);
            default:
                var guess = KeyMatcher.Closest(kindNode.Value, Kinds);
                errors.Add(kindNode, $"kpi: kind '{kindNode.Value}' is not supported", guess is null ? $"use one of: {string.Join(", ", Kinds)}" : $"did you mean '{guess}'?");
                return null;
        }
    }

    private static KpiDefinition? ReadRatio(MappingReader r, YamlMappingNode map, ErrorList errors, ISignalCatalog? catalog)
    {
        if (r.Has("success"))
        {
            if (r.Has("good") || r.Has("total")) errors.Add(map, "kpi: a ratio takes either 'success' (per-event flags) or 'good' and 'total' (counters), not both");
            var success = Signal(r, "success", errors, catalog);
            return success is null ? null : new FlagRatioKpi(success.Value);
        }
        var good = Signal(r, "good", errors, catalog);
        var total = Signal(r, "total", errors, catalog);
        return good is null || total is null ? null : new CounterRatioKpi(good.Value, total.Value);
    }

    private static AggregateFunction? ReadFunction(MappingReader r, ErrorList errors)
    {
        var node = r.Scalar("function", required: true);
        if (node is null) return null;
        if (Functions.Contains(node.Value) && Enum.TryParse<AggregateFunction>(node.Value, ignoreCase: true, out var f)) return f;
        var hint = node.Value is "mean" or "average"
            ? "use avg (the time-weighted average)"
            : KeyMatcher.Closest(node.Value!, Functions) is { } guess ? $"did you mean '{guess}'?" : $"use one of: {string.Join(", ", Functions)}";
        errors.Add(node, $"kpi: function '{node.Value}' is not known", hint);
        return null;
    }

    private static OnlineKpi? ReadOnline(MappingReader r, ErrorList errors, ISignalCatalog? catalog)
    {
        var list = r.Sequence("devices", required: true);
        var timeout = r.Duration("heartbeat_timeout", required: true);
        var devices = new List<string>();
        foreach (var item in list?.Children ?? [])
        {
            if (item is not YamlScalarNode { Value: { } device })
            {
                errors.Add(item, "kpi: each device is a plain device id");
                continue;
            }
            if (catalog is not null && !catalog.SignalsOf(device).Any())
            {
                errors.Add(item, $"kpi: device '{device}' is not known on this site", "list devices from the site's devices:");
                continue;
            }
            devices.Add(device);
        }
        if (list is not null && list.Children.Count == 0) errors.Add(list, "kpi: 'devices' is empty", "list the devices whose online rate is promised");
        return devices.Count == 0 || timeout is null ? null : new OnlineKpi(devices, timeout.Value);
    }

    private static SignalId? Signal(MappingReader kpi, string key, ErrorList errors, ISignalCatalog? catalog)
    {
        var node = kpi.Scalar(key, required: true);
        if (node is null) return null;
        if (!SignalId.TryParse(node.Value, out var id))
        {
            errors.Add(node, $"kpi: '{key}' value '{node.Value}' is not a signal id", "write device/signal, for example press-07/running");
            return null;
        }
        if (catalog is not null && !catalog.TryGet(id, out _))
        {
            errors.Add(node, $"kpi: signal '{id}' is not known on this site", SignalHint(id, catalog));
            return null;
        }
        return id;
    }

    private static string SignalHint(SignalId id, ISignalCatalog catalog)
    {
        var sameDevice = catalog.SignalsOf(id.Device).Select(s => s.Id.Signal).ToList();
        if (sameDevice.Count > 0)
        {
            var guess = KeyMatcher.Closest(id.Signal, sameDevice);
            return guess is not null ? $"did you mean '{id.Device}/{guess}'?" : $"{id.Device} has: {string.Join(", ", sameDevice)}";
        }
        return catalog is SignalCatalog known
            ? $"no device '{id.Device}' on this site; devices: {string.Join(", ", known.All.Select(s => s.Id.Device).Distinct().Order())}"
            : $"no device '{id.Device}' on this site";
    }

    private static double? State(MappingReader kpi, string key, bool defaultValue, ErrorList errors)
    {
        var node = kpi.Scalar(key, required: false);
        if (node is null) return Sample.FromBool(defaultValue);
        if (node.Value == "true") return 1.0;
        if (node.Value == "false") return 0.0;
        if (double.TryParse(node.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var n)) return n;
        errors.Add(node, $"kpi: '{key}' value '{node.Value}' is not a state", "write true, false or a number");
        return null;
    }
}
