using System.Globalization;
using ValueGuard.Core.Quantities;
using YamlDotNet.RepresentationModel;

namespace ValueGuard.Configuration.Yaml;

/// <summary>
/// Reads one YAML mapping against the keys it may hold. Unknown keys are errors with a
/// "did you mean" hint; a missing required key that was probably mistyped is reported once, as the typo.
/// </summary>
public sealed class MappingReader
{
    private readonly Dictionary<string, YamlNode> entries = new(StringComparer.Ordinal);
    private readonly Dictionary<string, YamlScalarNode> unknownKeys = new(StringComparer.Ordinal);

    public MappingReader(YamlMappingNode node, string what, ErrorList errors, params string[] knownKeys)
    {
        Node = node;
        What = what;
        Errors = errors;
        foreach (var (keyNode, value) in node.Children)
        {
            if (keyNode is not YamlScalarNode { Value: { } key })
            {
                errors.Add(keyNode, $"{what}: keys must be plain words");
                continue;
            }
            if (knownKeys.Contains(key, StringComparer.Ordinal))
            {
                entries[key] = value;
                continue;
            }
            unknownKeys[key] = (YamlScalarNode)keyNode;
        }
        foreach (var (key, keyNode) in unknownKeys)
        {
            var guess = KeyMatcher.Closest(key, knownKeys.Where(k => !entries.ContainsKey(k)));
            var hint = guess is not null ? $"did you mean '{guess}'?" : $"known keys here: {string.Join(", ", knownKeys)}";
            errors.Add(keyNode, $"{what}: unknown key '{key}'", hint);
        }
    }

    public YamlMappingNode Node { get; }

    public string What { get; }

    public ErrorList Errors { get; }

    public bool Has(string key) => entries.ContainsKey(key);

    public YamlNode? Get(string key) => entries.GetValueOrDefault(key);

    /// <summary>The scalar text of a key, or null (with an error when required and not explained by a typo).</summary>
    public YamlScalarNode? Scalar(string key, bool required = false)
    {
        if (!entries.TryGetValue(key, out var node))
        {
            if (required) Missing(key);
            return null;
        }
        if (node is YamlScalarNode scalar && scalar.Value is not null) return scalar;
        Errors.Add(node, $"{What}: '{key}' must be a single value, not a list or mapping");
        return null;
    }

    public string? String(string key, bool required = false) => Scalar(key, required)?.Value;

    public YamlMappingNode? Mapping(string key, bool required = false)
    {
        if (!entries.TryGetValue(key, out var node))
        {
            if (required) Missing(key);
            return null;
        }
        if (node is YamlMappingNode map) return map;
        Errors.Add(node, $"{What}: '{key}' must be a mapping of key: value lines");
        return null;
    }

    public YamlSequenceNode? Sequence(string key, bool required = false)
    {
        if (!entries.TryGetValue(key, out var node))
        {
            if (required) Missing(key);
            return null;
        }
        if (node is YamlSequenceNode seq) return seq;
        Errors.Add(node, $"{What}: '{key}' must be a list (lines starting with '-' or [a, b])");
        return null;
    }

    public TimeSpan? Duration(string key, bool required = false)
    {
        var scalar = Scalar(key, required);
        if (scalar is null) return null;
        if (DurationSyntax.TryParse(scalar.Value, out var d)) return d;
        Errors.Add(scalar, $"{What}: '{key}' value '{scalar.Value}' is not a duration", DurationSyntax.Hint);
        return null;
    }

    /// <summary>A size in bytes, written as a number or with KB, MB, GB (see <see cref="ByteSizeSyntax"/>).</summary>
    public long? ByteSize(string key)
    {
        var scalar = Scalar(key, false);
        if (scalar is null) return null;
        if (ByteSizeSyntax.TryParse(scalar.Value, out var bytes)) return bytes;
        Errors.Add(scalar, $"{What}: '{key}' value '{scalar.Value}' is not a size", ByteSizeSyntax.Hint);
        return null;
    }

    public Threshold? Threshold(string key, bool required = false)
    {
        var scalar = Scalar(key, required);
        if (scalar is null) return null;
        if (Core.Quantities.Threshold.TryParse(scalar.Value, out var t, out var error)) return t;
        Errors.Add(scalar, $"{What}: '{key}' {error}", Core.Quantities.Threshold.Hint);
        return null;
    }

    /// <summary>A percentage written as "90%" or a ratio 0..1, returned as a ratio.</summary>
    public double? Ratio(string key)
    {
        var scalar = Scalar(key, false);
        if (scalar is null) return null;
        if (Quantity.TryParse(scalar.Value!, out var q) && q.Unit is QuantityUnit.Percent or QuantityUnit.Number && q.Value is >= 0 and <= 1) return q.Value;
        Errors.Add(scalar, $"{What}: '{key}' value '{scalar.Value}' is not a share", "write a percentage such as 90%");
        return null;
    }

    public double? Number(string key)
    {
        var scalar = Scalar(key, false);
        if (scalar is null) return null;
        if (double.TryParse(scalar.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var n) && double.IsFinite(n)) return n;
        Errors.Add(scalar, $"{What}: '{key}' value '{scalar.Value}' is not a number", "write a number such as 0.1 or 42");
        return null;
    }

    public DateTimeOffset? Instant(string key, bool required = false)
    {
        var scalar = Scalar(key, required);
        if (scalar is null) return null;
        if (DateTimeOffset.TryParse(scalar.Value, CultureInfo.InvariantCulture, DateTimeStyles.None, out var instant)
            && (scalar.Value!.EndsWith('Z') || scalar.Value.Contains('+', StringComparison.Ordinal) || scalar.Value.LastIndexOf('-') > 9))
            return instant.ToUniversalTime();
        Errors.Add(scalar, $"{What}: '{key}' value '{scalar.Value}' is not an instant with a UTC offset", "write ISO-8601 with an offset, for example 2026-03-01T08:00:00+08:00");
        return null;
    }

    private void Missing(string key)
    {
        // A typo of this key was already reported as an unknown key; one mistake, one error.
        if (unknownKeys.Keys.Any(k => KeyMatcher.Closest(k, [key]) is not null)) return;
        Errors.Add(Node, $"{What}: '{key}' is missing", $"add a line '{key}: …' to this {What}");
    }
}
