using ValueGuard.Configuration.Yaml;
using ValueGuard.Core.Escalation;
using YamlDotNet.RepresentationModel;

namespace ValueGuard.Configuration.Escalation;

/// <summary>
/// Reads a site's <c>escalation:</c> section: either named <c>policies</c> with a <c>default</c>, or the
/// short form <c>{ escalate_after: 4h, max_level: 2 }</c> for one uniform policy.
/// </summary>
public static class SiteEscalationReader
{
    public static (EscalationPolicy Default, IReadOnlyDictionary<string, EscalationPolicy> Named) Read(YamlMappingNode node, ErrorList errors, IReadOnlyCollection<string> sinks, IReadOnlyCollection<string>? ticketSinks = null)
    {
        var r = new MappingReader(node, "escalation", errors, "escalate_after", "max_level", "default", "policies");
        var named = new Dictionary<string, EscalationPolicy>(StringComparer.Ordinal);
        if (r.Mapping("policies") is not { } policies)
        {
            var after = r.Duration("escalate_after") ?? EscalationPolicy.Default.Levels[1].After;
            var max = (int)(r.Number("max_level") ?? EscalationPolicy.Default.MaxLevel);
            if (r.Has("default")) errors.Add(r.Get("default")!, "escalation: 'default' names one of the 'policies', and there are none", "add a 'policies:' mapping or remove 'default'");
            if (max < 0) errors.Add(r.Get("max_level")!, $"escalation: max_level {max} is negative", "write 0 (never escalate) or more");
            return (EscalationPolicy.Uniform("default", after, Math.Max(0, max)), named);
        }
        foreach (var key in new[] { "escalate_after", "max_level" }.Where(r.Has))
            errors.Add(r.Get(key)!, $"escalation: '{key}' cannot be used together with 'policies'", "write the delay as 'after' in the policy's levels");
        foreach (var (keyNode, value) in policies.Children)
        {
            if (MappingKeys.Name(keyNode, "escalation policies", errors) is not { } name) continue;
            if (value is not YamlMappingNode map) { errors.Add(value, $"escalation policy '{name}' must be a mapping with 'levels'"); continue; }
            if (EscalationPolicyReader.Read(name, map, errors, sinks, ticketSinks) is { } policy) named[name] = policy;
        }
        var defaultNode = r.Scalar("default");
        var defaultName = defaultNode?.Value ?? (policies.Children.Count == 1 ? MappingKeys.TryName(policies.Children.Keys.Single()) : null);
        if (defaultName is null)
        {
            errors.Add(node, "escalation: several policies and no 'default'", $"add default: with one of {string.Join(", ", named.Keys)}");
            return (EscalationPolicy.Default, named);
        }
        if (!named.TryGetValue(defaultName, out var chosen))
        {
            if (defaultNode is not null && policies.Children.Keys.All(k => MappingKeys.TryName(k) != defaultName))
                errors.Add(defaultNode, $"escalation: default policy '{defaultName}' is not among the policies", $"use one of {string.Join(", ", policies.Children.Keys.Select(MappingKeys.TryName).OfType<string>())}");
            return (EscalationPolicy.Default, named);
        }
        return (chosen, named);
    }
}
