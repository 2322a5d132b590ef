namespace ValueGuard.Ingest.Mqtt.Topics;

/// <summary>
/// A topic with named captures, such as <c>plant/{site}/{device}/telemetry</c>. Each capture stands
/// for one topic level; it subscribes as <c>+</c>. Fixed values (the site id) may be bound in advance.
/// </summary>
public sealed class TopicTemplate
{
    private readonly string[] levels;

    public TopicTemplate(string template, IReadOnlyDictionary<string, string>? bound = null)
    {
        Template = template;
        levels = template.Split('/');
        if (bound is not null)
        {
            for (var i = 0; i < levels.Length; i++)
                if (IsCapture(levels[i], out var name) && bound.TryGetValue(name, out var value)) levels[i] = value;
        }
    }

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

    private static bool IsCapture(string level, out string name)
    {
        var capture = level.Length > 2 && level[0] == '{' && level[^1] == '}';
        name = capture ? level[1..^1] : string.Empty;
        return capture;
    }
}
