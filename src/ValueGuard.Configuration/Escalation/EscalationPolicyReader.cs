using NodaTime;
using NodaTime.Text;
using ValueGuard.Configuration.Yaml;
using ValueGuard.Core.Escalation;
using YamlDotNet.RepresentationModel;

namespace ValueGuard.Configuration.Escalation;

/// <summary>
/// Reads one escalation policy mapping (site <c>escalation.policies.NAME</c> or a contract's inline
/// <c>escalation:</c>). Sink names are checked when the site's sinks are known.
/// </summary>
public static class EscalationPolicyReader
{
    private static readonly Dictionary<string, OwnerRole> Roles = new(StringComparer.Ordinal)
    {
        ["customer_success"] = OwnerRole.CustomerSuccess,
        ["delivery"] = OwnerRole.Delivery,
        ["sales_manager"] = OwnerRole.SalesManager,
    };

    private static readonly Dictionary<string, IsoDayOfWeek> DayNames = new(StringComparer.Ordinal)
    {
        ["mon"] = IsoDayOfWeek.Monday, ["tue"] = IsoDayOfWeek.Tuesday, ["wed"] = IsoDayOfWeek.Wednesday, ["thu"] = IsoDayOfWeek.Thursday,
        ["fri"] = IsoDayOfWeek.Friday, ["sat"] = IsoDayOfWeek.Saturday, ["sun"] = IsoDayOfWeek.Sunday,
    };

    private static readonly LocalTimePattern Clock = LocalTimePattern.CreateWithInvariantCulture("HH:mm");

    public static EscalationPolicy? Read(string name, YamlMappingNode node, ErrorList errors, IReadOnlyCollection<string>? sinks, IReadOnlyCollection<string>? ticketSinks = null)
    {
        var what = $"escalation policy '{name}'";
        var before = errors.Errors.Count;
        var r = new MappingReader(node, what, errors, "levels", "remind_every", "business_hours", "quiet_hours", "at_risk");
        var levels = new List<EscalationLevel>();
        var list = r.Sequence("levels", required: true);
        foreach (var item in list?.Children ?? [])
        {
            if (item is not YamlMappingNode map) { errors.Add(item, $"{what}: each level is a mapping {{ after: 4h, notify: [sales_manager], priority: urgent }}"); continue; }
            if (ReadLevel(what, levels.Count, map, errors, sinks) is { } level) levels.Add(level);
        }
        if (list is not null && list.Children.Count == 0)
            errors.Add(list, $"{what}: 'levels' is empty", "write at least the first level: what happens when the breach opens");
        var remind = r.Duration("remind_every");
        if (remind is { } every && every < TimeSpan.FromMinutes(1))
            errors.Add(r.Get("remind_every")!, $"{what}: 'remind_every' {every} is too short", "remind at most once a minute, for example 2h");
        var business = r.Mapping("business_hours") is { } b ? ReadBusinessHours(what, b, errors) : null;
        var quiet = r.Mapping("quiet_hours") is { } q ? ReadQuietHours(what, q, errors) : null;
        var atRisk = r.Mapping("at_risk") is { } a ? ReadAtRisk(what, a, errors, sinks, ticketSinks) : AtRiskNotice.CustomerSuccess;
        if (errors.Errors.Count > before || levels.Count == 0) return null;
        return new EscalationPolicy(name, levels) { RemindEvery = remind, BusinessHours = business, QuietHours = quiet, AtRisk = atRisk };
    }

    private static EscalationLevel? ReadLevel(string what, int index, YamlMappingNode map, ErrorList errors, IReadOnlyCollection<string>? sinks)
    {
        var levelWhat = $"{what} level {index}";
        var r = new MappingReader(map, levelWhat, errors, "after", "notify", "sinks", "priority");
        var after = r.Duration("after", required: index > 0) ?? TimeSpan.Zero;
        if (index == 0 && after != TimeSpan.Zero)
            errors.Add(r.Get("after")!, $"{levelWhat}: the first level is the breach itself and cannot wait", "remove 'after' from the first level; later levels say how long they wait");
        if (index > 0 && after <= TimeSpan.Zero && r.Has("after"))
            errors.Add(r.Get("after")!, $"{levelWhat}: 'after' must be positive", "write how long the previous level stays unacknowledged, for example 4h");
        var notify = new List<OwnerRole>();
        foreach (var role in Values(r.Sequence("notify", required: true), levelWhat, errors))
        {
            if (Roles.TryGetValue(role.Value!, out var known)) notify.Add(known);
            else errors.Add(role, $"{levelWhat}: owner role '{role.Value}' is not known", $"use {string.Join(", ", Roles.Keys)} (the contract's owners: customer_success, delivery, sales)");
        }
        var sinkNames = new List<string>();
        foreach (var sink in Values(r.Sequence("sinks"), levelWhat, errors))
        {
            if (sinks is not null && !sinks.Contains(sink.Value!))
                errors.Add(sink, $"{levelWhat}: ticket sink '{sink.Value}' is not configured",
                    sinks.Count == 0 ? "add it under tickets.sinks in the site file" : $"configured sinks: {string.Join(", ", sinks)}");
            else sinkNames.Add(sink.Value!);
        }
        var priority = r.Scalar("priority", required: true);
        if (priority is not null && !EscalationLevel.Priorities.Contains(priority.Value!))
            errors.Add(priority, $"{levelWhat}: priority '{priority.Value}' is not known", $"use {string.Join(", ", EscalationLevel.Priorities)}; each sink maps these to its own names");
        return priority is null ? null : new EscalationLevel(after, notify, sinkNames, priority.Value!);
    }

    /// <summary><c>at_risk: { notify: [customer_success], sinks: [cs-chat] }</c>; <c>sinks: []</c> sends no notice.</summary>
    private static AtRiskNotice ReadAtRisk(string what, YamlMappingNode node, ErrorList errors, IReadOnlyCollection<string>? sinks, IReadOnlyCollection<string>? ticketSinks)
    {
        var r = new MappingReader(node, $"{what} at_risk", errors, "notify", "sinks");
        var notify = new List<OwnerRole>();
        foreach (var role in Values(r.Sequence("notify"), r.What, errors))
        {
            if (Roles.TryGetValue(role.Value!, out var known)) notify.Add(known);
            else errors.Add(role, $"{r.What}: owner role '{role.Value}' is not known", $"use {string.Join(", ", Roles.Keys)}");
        }
        List<string>? names = null;
        if (r.Sequence("sinks") is { } list)
        {
            names = [];
            foreach (var sink in Values(list, r.What, errors))
            {
                if (sinks is not null && !sinks.Contains(sink.Value!))
                    errors.Add(sink, $"{r.What}: ticket sink '{sink.Value}' is not configured",
                        sinks.Count == 0 ? "add it under tickets.sinks in the site file" : $"configured sinks: {string.Join(", ", sinks)}");
                else if (ticketSinks is not null && ticketSinks.Contains(sink.Value!))
                    errors.Add(sink, $"{r.What}: '{sink.Value}' is a ticket system; an at-risk notice is not a ticket and would never be sent there",
                        "name a chat, webhook or e-mail sink here; tickets open on a breach through the levels' sinks");
                else names.Add(sink.Value!);
            }
        }
        return new AtRiskNotice(r.Has("notify") ? notify : [OwnerRole.CustomerSuccess], names);
    }

    private static BusinessHours? ReadBusinessHours(string what, YamlMappingNode node, ErrorList errors)
    {
        var r = new MappingReader(node, $"{what} business_hours", errors, "days", "from", "to");
        var days = new HashSet<IsoDayOfWeek>();
        foreach (var day in Values(r.Sequence("days", required: true), r.What, errors))
        {
            if (DayNames.TryGetValue(day.Value!, out var d)) days.Add(d);
            else errors.Add(day, $"{r.What}: day '{day.Value}' is not known", "use mon, tue, wed, thu, fri, sat, sun");
        }
        var (from, to) = (Time(r, "from", errors), Time(r, "to", errors));
        if (from is null || to is null) return null;
        if (from >= to)
        {
            errors.Add(r.Get("to")!, $"{r.What}: 'to' {to:HH:mm} is not after 'from' {from:HH:mm}", "business hours lie within one day, for example from: \"08:00\", to: \"18:00\"");
            return null;
        }
        return new BusinessHours(days, from.Value, to.Value);
    }

    private static QuietHours? ReadQuietHours(string what, YamlMappingNode node, ErrorList errors)
    {
        var r = new MappingReader(node, $"{what} quiet_hours", errors, "from", "to");
        var (from, to) = (Time(r, "from", errors), Time(r, "to", errors));
        if (from is null || to is null) return null;
        if (from == to)
        {
            errors.Add(r.Get("to")!, $"{r.What}: 'from' and 'to' are the same time", "write when the quiet stretch starts and ends, for example from: \"22:00\", to: \"07:00\"");
            return null;
        }
        return new QuietHours(from.Value, to.Value);
    }

    private static LocalTime? Time(MappingReader r, string key, ErrorList errors)
    {
        var scalar = r.Scalar(key, required: true);
        if (scalar is null) return null;
        var parsed = Clock.Parse(scalar.Value!);
        if (parsed.Success) return parsed.Value;
        errors.Add(scalar, $"{r.What}: '{key}' value '{scalar.Value}' is not a time of day", "write 24-hour local time in quotes, for example \"08:00\" (the contract's time zone)");
        return null;
    }

    private static IEnumerable<YamlScalarNode> Values(YamlSequenceNode? seq, string what, ErrorList errors)
    {
        foreach (var item in seq?.Children ?? [])
        {
            if (item is YamlScalarNode { Value: not null } scalar) yield return scalar;
            else errors.Add(item, $"{what}: expected a plain value in this list");
        }
    }
}
