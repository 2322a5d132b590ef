using ValueGuard.Configuration.Yaml;
using ValueGuard.Core.Contracts;
using ValueGuard.Core.Kpis;
using ValueGuard.Core.Quantities;
using ValueGuard.Core.Signals;
using ValueGuard.Core.Windows;
using YamlDotNet.RepresentationModel;

namespace ValueGuard.Configuration.Contracts;

/// <summary>Reads one clause: its KPI, window, thresholds and coverage rule.</summary>
internal static class ClauseReader
{
    private static readonly string[] KpiKinds = ["availability", "downtime", "ratio"];

    public static Clause? Read(YamlMappingNode map, ErrorList errors, ISignalCatalog? catalog)
    {
        var r = new MappingReader(map, "clause", errors, "id", "text", "kpi", "window", "target", "warn", "min_coverage");
        var id = r.String("id", required: true);
        var text = r.String("text", required: true);
        var kpi = r.Mapping("kpi", required: true) is { } kpiMap ? ReadKpi(kpiMap, errors, catalog) : null;
        var window = r.Mapping("window", required: true) is { } windowMap ? ReadWindow(windowMap, errors) : null;
        var target = r.Threshold("target", required: true);
        var warn = r.Threshold("warn");
        var minCoverage = r.Ratio("min_coverage") ?? Clause.DefaultMinCoverage;
        if (kpi is not null)
        {
            CheckUnit(r, "target", target, kpi, errors);
            CheckUnit(r, "warn", warn, kpi, errors);
        }
        if (id is null || text is null || kpi is null || window is null || target is null) return null;
        return new Clause(new ClauseId(id), text, kpi, window, target.Value, warn, minCoverage);
    }

    private static void CheckUnit(MappingReader clause, string key, Threshold? threshold, KpiDefinition kpi, ErrorList errors)
    {
        if (threshold is not { } t || t.Bound.Unit == kpi.Unit) return;
        // A plain number is accepted where the KPI is a count.
        var example = kpi.Unit switch { QuantityUnit.Percent => "\">= 99.5%\"", QuantityUnit.Duration => "\"<= 2h\"", _ => "\"< 3\"" };
        errors.Add(clause.Get(key)!, $"clause: '{key}' is in {t.Bound.Unit.ToString().ToLowerInvariant()} but a {kpi.Kind} KPI is measured in {kpi.Unit.ToString().ToLowerInvariant()}", $"write it like {example}");
    }

    private static KpiDefinition? ReadKpi(YamlMappingNode map, ErrorList errors, ISignalCatalog? catalog)
    {
        var r = new MappingReader(map, "kpi", errors, "kind", "signal", "up_when", "down_when", "good", "total");
        var kindNode = r.Scalar("kind", required: true);
        switch (kindNode?.Value)
        {
            case null:
                return null;
            case "availability":
                var up = Signal(r, "signal", errors, catalog);
                var upWhen = State(r, "up_when", true, errors);
                return up is null || upWhen is null ? null : new AvailabilityKpi(up.Value, upWhen.Value);
            case "downtime":
                var down = Signal(r, "signal", errors, catalog);
                var downWhen = State(r, "down_when", false, errors);
                return down is null || downWhen is null ? null : new DowntimeKpi(down.Value, downWhen.Value);
            case "ratio":
                var good = Signal(r, "good", errors, catalog);
                var total = Signal(r, "total", errors, catalog);
                return good is null || total is null ? null : new CounterRatioKpi(good.Value, total.Value);
            default:
                var guess = KeyMatcher.Closest(kindNode.Value, KpiKinds);
                errors.Add(kindNode, $"kpi: kind '{kindNode.Value}' is not supported", guess is null ? $"use one of: {string.Join(", ", KpiKinds)}" : $"did you mean '{guess}'?");
                return null;
        }
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
        if (catalog is not SignalCatalog known) return "check the device id and the signal name in its profile";
        var sameDevice = known.All.Where(s => s.Id.Device == id.Device).Select(s => s.Id.Signal).Order().ToList();
        if (sameDevice.Count > 0)
        {
            var guess = KeyMatcher.Closest(id.Signal, sameDevice);
            return guess is not null ? $"did you mean '{id.Device}/{guess}'?" : $"{id.Device} has: {string.Join(", ", sameDevice)}";
        }
        var devices = known.All.Select(s => s.Id.Device).Distinct().Order().ToList();
        return $"no device '{id.Device}' on this site; devices: {string.Join(", ", devices)}";
    }

    private static double? State(MappingReader kpi, string key, bool defaultValue, ErrorList errors)
    {
        var node = kpi.Scalar(key, required: false);
        if (node is null) return Sample.FromBool(defaultValue);
        return node.Value switch
        {
            "true" => 1.0,
            "false" => 0.0,
            _ when double.TryParse(node.Value, System.Globalization.CultureInfo.InvariantCulture, out var n) => n,
            _ => Fail(),
        };
        double? Fail()
        {
            errors.Add(node, $"kpi: '{key}' value '{node.Value}' is not a state", "write true, false or a number");
            return null;
        }
    }

    private static WindowSpec? ReadWindow(YamlMappingNode map, ErrorList errors)
    {
        var r = new MappingReader(map, "window", errors, "rolling", "period");
        if (r.Has("rolling") == r.Has("period"))
        {
            errors.Add(map, "window: give exactly one of 'rolling' or 'period'", "for example window: { rolling: 30d } or window: { period: { from: go_live, length: 90d } }");
            return null;
        }
        if (r.Has("rolling"))
        {
            var length = r.Duration("rolling");
            return length is null ? null : new RollingWindow(length.Value);
        }
        var period = r.Mapping("period");
        if (period is null) return null;
        var pr = new MappingReader(period, "period", errors, "from", "length");
        var from = pr.Scalar("from", required: true);
        if (from is not null && from.Value != "go_live")
            errors.Add(from, $"period: 'from: {from.Value}' is not supported by this version", "use from: go_live");
        var len = pr.Duration("length", required: true);
        return len is null || from is null ? null : new PeriodWindow(len.Value);
    }
}
