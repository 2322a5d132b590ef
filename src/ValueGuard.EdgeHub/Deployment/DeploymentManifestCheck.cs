using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace ValueGuard.EdgeHub.Deployment;

/// <summary>
/// Checks a deployment manifest (or template) for mistakes edgeAgent and edgeHub would only show on a device:
/// routes that name modules the manifest does not define, modules without <c>restartPolicy: always</c>
/// (omitted, it means on-unhealthy), desired properties for a module that does not exist.
/// </summary>
public static partial class DeploymentManifestCheck
{
    public static IReadOnlyList<string> Problems(JsonObject manifest)
    {
        var problems = new List<string>();
        var content = manifest["modulesContent"] as JsonObject;
        var agent = content?["$edgeAgent"]?["properties.desired"] as JsonObject;
        var hub = content?["$edgeHub"]?["properties.desired"] as JsonObject;
        if (agent is null || hub is null) return ["modulesContent needs $edgeAgent and $edgeHub with properties.desired"];
        var modules = (agent["modules"] as JsonObject ?? []).Select(m => m.Key).ToHashSet(StringComparer.Ordinal);
        foreach (var (name, module) in agent["modules"] as JsonObject ?? [])
            if (module?["restartPolicy"]?.GetValue<string>() != "always") problems.Add($"module '{name}': restartPolicy must be 'always' (omitted it means on-unhealthy)");
        foreach (var (name, route) in hub["routes"] as JsonObject ?? [])
        {
            var text = route is JsonObject o ? o["route"]?.GetValue<string>() : route?.GetValue<string>();
            if (text is null) { problems.Add($"route '{name}' has no route text"); continue; }
            foreach (Match m in ModuleReference().Matches(text))
                if (!modules.Contains(m.Groups["module"].Value)) problems.Add($"route '{name}' names module '{m.Groups["module"].Value}', which the manifest does not define");
        }
        if (hub["storeAndForwardConfiguration"]?["timeToLiveSecs"] is null) problems.Add("$edgeHub: storeAndForwardConfiguration.timeToLiveSecs is missing");
        foreach (var (name, _) in content!)
            if (!name.StartsWith('$') && !modules.Contains(name)) problems.Add($"desired properties for '{name}', which the manifest does not define");
        return problems;
    }

    /// <summary>Sources <c>/messages/modules/{m}/…</c> and sinks <c>BrokeredEndpoint("/modules/{m}/inputs/…")</c>.</summary>
    [GeneratedRegex(@"(?:/messages/modules/|BrokeredEndpoint\(\s*""/modules/)(?<module>[^/""*\s]+)")]
    private static partial Regex ModuleReference();
}
