namespace ValueGuard.Ingest.Mqtt.Topics;

/// <summary>
/// A topic with named captures, such as <c>plant/{site}/{device}/telemetry</c>. Each capture stands
/// for one topic level; it subscribes as <c>+</c>. Fixed values (the site id) may be bound in advance.
/// </summary>
public sealed class TopicTemplate
{
    private readonly string[] levels;
    private readonly bool[] isCapture;
    private readonly int deviceLevel;
    private readonly int signalLevel;

    public TopicTemplate(string template, IReadOnlyDictionary<string, string>? bound = null)
    {
        Template = template;
        levels = template.Split('/');
        if (bound is not null)
        {
            for (var i = 0; i < levels.Length; i++)
                if (IsCapture(levels[i], out var name) && bound.TryGetValue(name, out var value)) levels[i] = value;
        }
        isCapture = [.. levels.Select(l => IsCapture(l, out _))];
        deviceLevel = Array.IndexOf(levels, "{device}");
        signalLevel = Array.IndexOf(levels, "{signal}");
    }

    /// <summary>Whether the template has a <c>{device}</c> level.</summary>
    public bool HasDevice => deviceLevel >= 0;

    public string Template { get; }

    /// <summary>The MQTT subscription filter: every capture becomes <c>+</c>.</summary>
    public string Filter => string.Join('/', levels.Select(l => IsCapture(l, out _) ? "+" : l));

    /// <summary>Matches a concrete topic and returns its captures, or null when it does not match.</summary>
    public Dictionary<string, string>? Match(string topic)
    {
        // Count first: a hostile topic of thousands of levels is refused without splitting it.
        if (topic.AsSpan().Count('/') + 1 != levels.Length) return null;
        var parts = topic.Split('/');
        var captures = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < levels.Length; i++)
        {
            if (IsCapture(levels[i], out var name))
            {
                if (parts[i].Length == 0) return null;
                captures[name] = parts[i];
            }
            else if (!string.Equals(levels[i], parts[i], StringComparison.Ordinal))
            {
                return null;
            }
        }
        return captures;
    }

    /// <summary>
    /// Matches a concrete topic without allocating: where its <c>{device}</c> and <c>{signal}</c> levels are
    /// (an empty range when the template has none). False when the topic does not match.
    /// </summary>
    public bool TryMatch(string topic, out Range device, out Range signal)
    {
        device = signal = default;
        var rest = topic.AsSpan();
        var start = 0;
        for (var i = 0; i < levels.Length; i++)
        {
            var slash = rest.IndexOf('/');
            if ((slash < 0) != (i == levels.Length - 1)) return false; // too few or too many levels
            var length = slash < 0 ? rest.Length : slash;
            var part = rest[..length];
            if (isCapture[i])
            {
                if (length == 0) return false;
                if (i == deviceLevel) device = new Range(start, start + length);
                else if (i == signalLevel) signal = new Range(start, start + length);
            }
            else if (!part.SequenceEqual(levels[i]))
            {
                return false;
            }
            if (slash >= 0)
            {
                rest = rest[(slash + 1)..];
                start += slash + 1;
            }
        }
        return true;
    }

    private static bool IsCapture(string level, out string name)
    {
        var capture = level.Length > 2 && level[0] == '{' && level[^1] == '}';
        name = capture ? level[1..^1] : string.Empty;
        return capture;
    }
}
