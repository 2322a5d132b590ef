using ValueGuard.Configuration.Yaml;

namespace ValueGuard.Configuration.Sites;

/// <summary>Reads a site's <c>reports: { base_url: https://reports.example.com/valueguard/ }</c>.</summary>
internal static class ReportsSectionReader
{
    public static Uri? ReadBaseUrl(MappingReader site)
    {
        if (site.Mapping("reports") is not { } node) return null;
        var r = new MappingReader(node, "reports", site.Errors, "base_url");
        var url = r.Scalar("base_url", required: true);
        if (url?.Value is not { } text) return null;
        if (Uri.TryCreate(text, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https")
            return uri.AbsoluteUri.EndsWith('/') ? uri : new Uri(uri.AbsoluteUri + "/");
        r.Errors.Add(url, $"reports: base_url '{text}' is not an HTTP URL", "write where the compliance reports are published, for example https://reports.example.com/valueguard/");
        return null;
    }
}
