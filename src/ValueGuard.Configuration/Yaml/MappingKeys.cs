using YamlDotNet.RepresentationModel;

namespace ValueGuard.Configuration.Yaml;

/// <summary>
/// The names that user-chosen mapping keys give (signals, calendars, policies). YAML allows a mapping or a list as a
/// key (<c>? [a, b]</c> or <c>{a: 1}: …</c>); here that is a mistake to report at the key, never a crash.
/// </summary>
internal static class MappingKeys
{
    /// <summary>The key's text, or null and an error at the key when it is not plain text.</summary>
    public static string? Name(YamlNode key, string what, ErrorList errors)
    {
        if (key is YamlScalarNode { Value: { } name }) return name;
        errors.Add(key, $"{what}: a name must be plain text, not a mapping or a list", "write the name as a plain word followed by ':'");
        return null;
    }

    /// <summary>The key's text, or null when it is not plain text (already reported by <see cref="Name"/>).</summary>
    public static string? TryName(YamlNode key) => (key as YamlScalarNode)?.Value;
}
