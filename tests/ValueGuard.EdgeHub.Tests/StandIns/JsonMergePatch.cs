using System.Text.Json.Nodes;

namespace ValueGuard.EdgeHub.Tests.StandIns;

/// <summary>Twin patch semantics: objects merge member by member, a null member deletes, anything else replaces.</summary>
internal static class JsonMergePatch
{
    public static void Apply(JsonObject target, JsonObject patch)
    {
        foreach (var (key, value) in patch.ToList())
        {
            if (key == "$version") continue;
            if (value is null) target.Remove(key);
            else if (value is JsonObject child && target[key] is JsonObject existing) Apply(existing, child);
            else target[key] = value.DeepClone();
        }
    }
}
