using ValueGuard.Configuration.Yaml;
using ValueGuard.Core.Commitments;
using ValueGuard.Core.Contracts;
using ValueGuard.Core.Exclusions;
using ValueGuard.Core.Kpis;
using ValueGuard.Core.Quantities;
using ValueGuard.Core.Signals;
using YamlDotNet.RepresentationModel;

namespace ValueGuard.Configuration.Contracts;

/// <summary>Reads one clause: its KPI, window, thresholds, exclusions and coverage rule.</summary>
internal static class ClauseReader
{
    public static Clause? Read(YamlMappingNode map, ErrorList errors, ISignalCatalog? catalog, IReadOnlyDictionary<string, ExclusionCalendar> calendars)
    {
        var r = new MappingReader(map, "clause", errors, "id", "text", "kpi", "window", "target", "warn", "min_coverage", "debounce", "clear", "flapping");
        var id = r.String("id", required: true);
        var text = r.String("text", required: true);
        YamlSequenceNode? excludeNode = null;
        var kpi = r.Mapping("kpi", required: true) is { } kpiMap ? KpiReader.Read(kpiMap, errors, catalog, out excludeNode) : null;
        var window = r.Mapping("window", required: true) is { } windowMap ? WindowReader.Read(windowMap, errors) : null;
        var target = r.Threshold("target", required: true);
        var warn = r.Threshold("warn");
        var clear = r.Threshold("clear");
        CheckClear(r, warn, clear, errors);
        var flapping = r.Mapping("flapping") is { } flappingMap ? ReadFlapping(flappingMap, errors) : null;
        var minCoverage = r.Ratio("min_coverage") ?? Clause.DefaultMinCoverage;
        var debounce = r.Duration("debounce") ?? TimeSpan.Zero;
        if (kpi is not null)
        {
            CheckUnit(r, "target", target, kpi, errors);
            CheckUnit(r, "warn", warn, kpi, errors);
            CheckUnit(r, "clear", clear, kpi, errors);
        }
        var exclude = ReadExclusions(excludeNode, kpi, calendars, errors);
        if (id is null || text is null || kpi is null || window is null || target is null) return null;
        return new Clause(new ClauseId(id), text, kpi, window, target.Value, warn, minCoverage) { Exclude = exclude, Debounce = debounce, Clear = clear, Flapping = flapping };
    }

    /// <summary>A clear level lies beyond the warn level, on the good side: a value cannot be warned and cleared at once.</summary>
    private static void CheckClear(MappingReader clause, Threshold? warn, Threshold? clear, ErrorList errors)
    {
        if (clear is not { } c) return;
        if (warn is not { } w)
        {
            errors.Add(clause.Get("clear")!, "clause: 'clear' needs a 'warn' level to clear", "add warn: (the level that makes the clause at risk) or remove clear:");
            return;
        }
        var warnsBelow = w.Comparison is Comparison.LessThan or Comparison.LessOrEqual;
        var clearsAbove = c.Comparison is Comparison.GreaterThan or Comparison.GreaterOrEqual;
        if (warnsBelow != clearsAbove || w.IsSatisfiedBy(c.Bound.Value))
            errors.Add(clause.Get("clear")!, $"clause: clear '{c}' overlaps warn '{w}'; a value could be at risk and cleared at once",
                warnsBelow ? $"write clear as '>=' a value above {w.Bound}" : $"write clear as '<=' a value below {w.Bound}");
    }

    private static FlappingRule? ReadFlapping(YamlMappingNode map, ErrorList errors)
    {
        var r = new MappingReader(map, "flapping", errors, "changes", "within");
        var changes = r.Number("changes");
        var within = r.Duration("within");
        if (changes is { } n && (n < 1 || n != Math.Floor(n)))
        {
            errors.Add(r.Get("changes")!, $"flapping: changes must be a whole number of at least 1, not {n}", "for example changes: 5");
            return null;
        }
        if (within is { } w && w <= TimeSpan.Zero)
        {
            errors.Add(r.Get("within")!, "flapping: within must be a positive duration", "for example within: 1h");
            return null;
        }
        return new FlappingRule(changes is { } c ? (int)c : FlappingRule.Default.MaxChanges, within ?? FlappingRule.Default.Within);
    }

    private static List<string> ReadExclusions(YamlSequenceNode? node, KpiDefinition? kpi, IReadOnlyDictionary<string, ExclusionCalendar> calendars, ErrorList errors)
    {
        var names = new List<string>();
        if (node is null) return names;
        if (kpi is not null && !kpi.HonoursExclusions)
            errors.Add(node, $"kpi: a {kpi.Kind} KPI does not take 'exclude'", "exclusions apply to availability, downtime, online, events, mtbf, mttr and oee");
        foreach (var item in node.Children)
        {
            if (item is YamlScalarNode { Value: { } name } && calendars.ContainsKey(name))
            {
                names.Add(name);
                continue;
            }
            var known = calendars.Keys.Order().ToList();
            var typed = (item as YamlScalarNode)?.Value ?? string.Empty;
            var guess = KeyMatcher.Closest(typed, known);
            errors.Add(item, $"kpi: exclusion calendar '{typed}' is not defined in this contract",
                guess is not null ? $"did you mean '{guess}'?" : known.Count == 0 ? "define it under 'calendars:' at the top of the contract" : $"calendars: {string.Join(", ", known)}");
        }
        return names;
    }

    private static void CheckUnit(MappingReader clause, string key, Threshold? threshold, KpiDefinition kpi, ErrorList errors)
    {
        if (threshold is not { } t || t.Bound.Unit == kpi.Unit) return;
        var example = kpi.Unit switch { QuantityUnit.Percent => "\">= 99.5%\"", QuantityUnit.Duration => "\"<= 2h\"", _ => "\"< 3\"" };
        errors.Add(clause.Get(key)!, $"clause: '{key}' is in {t.Bound.Unit.ToString().ToLowerInvariant()} but a {kpi.Kind} KPI is measured in {kpi.Unit.ToString().ToLowerInvariant()}", $"write it like {example}");
    }
}
