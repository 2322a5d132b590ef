using System.Globalization;
using System.Net;
using ValueGuard.Configuration.Yaml;

namespace ValueGuard.Configuration.Sites;

/// <summary>Reads a site's <c>web: { listen: 127.0.0.1:8080, token_file: web.token }</c>.</summary>
internal static class WebSectionReader
{
    public static WebConfig? Read(MappingReader site, Func<string, string> resolve)
    {
        if (site.Mapping("web") is not { } node) return null;
        var r = new MappingReader(node, "web", site.Errors, "listen", "token_file");
        var listen = r.Scalar("listen", required: true);
        var tokenFile = r.String("token_file", required: true);
        if (listen?.Value is not { } text || tokenFile is null) return null;
        var colon = text.LastIndexOf(':');
        var host = colon > 0 ? text[..colon].Trim('[', ']') : "127.0.0.1";
        var portText = colon >= 0 ? text[(colon + 1)..] : text;
        if (!int.TryParse(portText, NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port is < 1 or > 65535)
        {
            r.Errors.Add(listen, $"web: listen '{text}' has no port 1..65535", "write 127.0.0.1:8080 (or a port alone: 8080 listens on 127.0.0.1)");
            return null;
        }
        if (host != "localhost" && !IPAddress.TryParse(host, out _))
        {
            r.Errors.Add(listen, $"web: listen '{text}' does not name an IP address", "write an address of this gateway, for example 127.0.0.1:8080 or 0.0.0.0:8080 for every interface");
            return null;
        }
        return new WebConfig(host, port, resolve(tokenFile));
    }
}
