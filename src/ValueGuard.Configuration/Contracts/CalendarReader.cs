using NodaTime;
using NodaTime.Text;
using ValueGuard.Configuration.Yaml;
using ValueGuard.Core.Exclusions;
using YamlDotNet.RepresentationModel;

namespace ValueGuard.Configuration.Contracts;

/// <summary>
/// Reads a contract's <c>calendars:</c>: named lists of excluded time, each entry a fixed stretch
/// <c>{ from: 2026-03-15T02:00:00+08:00, to: 2026-03-15T06:00:00+08:00 }</c> or a weekly slot in the
/// contract's local time <c>{ every: sunday, from: "02:00", to: "04:00" }</c>.
/// </summary>
internal static class CalendarReader
{
    private static readonly string[] Days = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"];

    public static Dictionary<string, ExclusionCalendar> Read(YamlMappingNode? map, ErrorList errors)
    {
        var calendars = new Dictionary<string, ExclusionCalendar>(StringComparer.Ordinal);
        if (map is null) return calendars;
        foreach (var (keyNode, value) in map.Children)
        {
            if (MappingKeys.Name(keyNode, "calendars", errors) is not { } name) continue;
            if (value is not YamlSequenceNode entries)
            {
                errors.Add(value, $"calendar '{name}': expected a list of excluded stretches", "write - { every: sunday, from: \"02:00\", to: \"04:00\" } or - { from: <instant>, to: <instant> }");
                continue;
            }
            var rules = new List<ExclusionRule>();
            foreach (var entry in entries.Children)
            {
                if (entry is not YamlMappingNode m) { errors.Add(entry, $"calendar '{name}': each entry is a mapping"); continue; }
                if (ReadRule(m, name, errors) is { } rule) rules.Add(rule);
            }
            calendars[name] = new ExclusionCalendar(name, rules);
        }
        return calendars;
    }

    private static ExclusionRule? ReadRule(YamlMappingNode m, string calendar, ErrorList errors)
    {
        var r = new MappingReader(m, $"calendar '{calendar}'", errors, "every", "from", "to");
        if (!r.Has("every"))
        {
            var from = r.Instant("from", required: true);
            var to = r.Instant("to", required: true);
            if (from is null || to is null) return null;
            if (to <= from) { errors.Add(m, $"calendar '{calendar}': 'to' is not after 'from'"); return null; }
            return new FixedExclusion(from.Value, to.Value);
        }
        var day = r.Scalar("every");
        var start = LocalTimeOf(r, "from", errors);
        var end = LocalTimeOf(r, "to", errors);
        if (day is null || start is null || end is null) return null;
        var index = Array.IndexOf(Days, day.Value);
        if (index < 0)
        {
            var guess = KeyMatcher.Closest(day.Value!, Days);
            errors.Add(day, $"calendar '{calendar}': '{day.Value}' is not a day of the week", guess is null ? "write monday … sunday" : $"did you mean '{guess}'?");
            return null;
        }
        return new WeeklyExclusion((IsoDayOfWeek)(index + 1), start.Value, end.Value);
    }

    private static LocalTime? LocalTimeOf(MappingReader r, string key, ErrorList errors)
    {
        var node = r.Scalar(key, required: true);
        if (node is null) return null;
        var parsed = LocalTimePattern.CreateWithInvariantCulture("HH:mm").Parse(node.Value!);
        if (parsed.Success) return parsed.Value;
        errors.Add(node, $"{r.What}: '{key}' value '{node.Value}' is not a local time", "write 24-hour time in quotes, for example \"02:00\"");
        return null;
    }
}
