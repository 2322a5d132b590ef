using ValueGuard.Configuration.Yaml;

namespace ValueGuard.Configuration.Sites;

/// <summary>Reads a site's <c>ingest: { max_future: 5m, max_past: 30d }</c>; errors name file:line:column.</summary>
internal static class IngestSectionReader
{
    public static IngestConfig Read(MappingReader site)
    {
        var defaults = new IngestConfig();
        if (site.Mapping("ingest") is not { } node) return defaults;
        var r = new MappingReader(node, "ingest", site.Errors, "max_future", "max_past");
        var maxFuture = Positive(r, "max_future") ?? defaults.MaxFuture;
        var maxPast = Positive(r, "max_past") ?? defaults.MaxPast;
        return new IngestConfig { MaxFuture = maxFuture, MaxPast = maxPast };
    }

    private static TimeSpan? Positive(MappingReader r, string key)
    {
        var value = r.Duration(key);
        if (value is { } d && d <= TimeSpan.Zero && r.Get(key) is { } node)
        {
            r.Errors.Add(node, $"ingest: '{key}' must be positive", key == "max_future" ? "write a duration such as 5m" : "write a duration such as 30d");
            return null;
        }
        return value;
    }
}
