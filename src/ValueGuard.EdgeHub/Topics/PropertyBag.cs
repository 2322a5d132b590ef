using System.Text;

namespace ValueGuard.EdgeHub.Topics;

/// <summary>
/// The <c>k1=v1&amp;k2=v2</c> property bag at the end of message topics: keys and values percent-encoded
/// per RFC 3986 (a space is <c>%20</c>, never '+'); <c>key</c> alone is a null value, <c>key=</c> an empty one.
/// </summary>
public static class PropertyBag
{
    public static string Encode(IEnumerable<KeyValuePair<string, string?>> properties)
    {
        var text = new StringBuilder();
        foreach (var (key, value) in properties)
        {
            if (text.Length > 0) text.Append('&');
            text.Append(Uri.EscapeDataString(key));
            if (value is not null) text.Append('=').Append(Uri.EscapeDataString(value));
        }
        return text.ToString();
    }

    public static Dictionary<string, string?> Decode(string bag)
    {
        var properties = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var pair in bag.TrimEnd('/').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var at = pair.IndexOf('=', StringComparison.Ordinal);
            if (at < 0) properties[Uri.UnescapeDataString(pair)] = null;
            else properties[Uri.UnescapeDataString(pair[..at])] = Uri.UnescapeDataString(pair[(at + 1)..]);
        }
        return properties;
    }
}
