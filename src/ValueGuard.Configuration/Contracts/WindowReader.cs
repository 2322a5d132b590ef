using ValueGuard.Configuration.Yaml;
using ValueGuard.Core.Windows;
using YamlDotNet.RepresentationModel;

namespace ValueGuard.Configuration.Contracts;

/// <summary>
/// Reads a clause's <c>window:</c> — <c>{ rolling: 30d }</c>, <c>{ calendar: month }</c> or
/// <c>{ period: { from: go_live, length: 90d } }</c> — each optionally with <c>starts: first_signal + 72h</c>.
/// </summary>
internal static class WindowReader
{
    private static readonly string[] Units = ["day", "week", "month", "quarter"];

    public static WindowSpec? Read(YamlMappingNode map, ErrorList errors)
    {
        var r = new MappingReader(map, "window", errors, "rolling", "period", "calendar", "starts");
        var kinds = new[] { "rolling", "period", "calendar" }.Count(r.Has);
        if (kinds != 1)
        {
            errors.Add(map, "window: give exactly one of 'rolling', 'calendar' or 'period'",
                "for example window: { rolling: 30d }, window: { calendar: month } or window: { period: { from: go_live, length: 90d } }");
            return null;
        }
        var starts = Start(r, "starts", errors) ?? WindowStart.GoLive;
        if (r.Has("rolling"))
            return r.Duration("rolling") is { } length ? new RollingWindow(length, starts) : null;
        if (r.Has("calendar"))
        {
            var node = r.Scalar("calendar");
            if (node is null) return null;
            if (Units.Contains(node.Value)) return new CalendarWindow(Enum.Parse<CalendarUnit>(node.Value!, ignoreCase: true), starts);
            var guess = KeyMatcher.Closest(node.Value!, Units);
            errors.Add(node, $"window: calendar '{node.Value}' is not a calendar period", guess is null ? "use day, week, month or quarter" : $"did you mean '{guess}'?");
            return null;
        }
        if (r.Has("starts")) errors.Add(r.Get("starts")!, "window: a period names its start in 'from'", "write period: { from: first_signal + 72h, length: 90d }");
        if (r.Mapping("period") is not { } period) return null;
        var pr = new MappingReader(period, "period", errors, "from", "length", "to");
        var from = Start(pr, "from", errors, required: true);
        var len = pr.Duration("length");
        var to = pr.Instant("to");
        if (pr.Has("length") == pr.Has("to"))
        {
            errors.Add(period, "period: give exactly one of 'length' or 'to'", "for example period: { from: go_live, length: 90d }");
            return null;
        }
        return from is null || (len is null && to is null) ? null : new PeriodWindow(from, len, to);
    }

    private static WindowStart? Start(MappingReader r, string key, ErrorList errors, bool required = false)
    {
        var node = r.Scalar(key, required);
        if (node is null) return null;
        if (WindowStart.TryParse(node.Value, out var start)) return start;
        errors.Add(node, $"{r.What}: '{key}' value '{node.Value}' is not a start", WindowStart.Hint);
        return null;
    }
}
