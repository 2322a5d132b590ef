using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace ValueGuard.EdgeHub.Tests.StandIns;

/// <summary>
/// Verifies a module SAS token the way edgeHub does (brief §3): fields split on '&amp;' and '='; HMAC-SHA256 with
/// the module key over <c>sr</c> exactly as received + LF + <c>se</c>; the URL-decoded resource compared
/// case-insensitively with <c>{hub}/devices/{device}/modules/{module}</c>; expiry with 5 minutes of skew.
/// </summary>
internal sealed class SasTokenCheck(string iotHub, string deviceId, string moduleId, byte[] key, TimeProvider clock)
{
    private const string Prefix = "SharedAccessSignature ";

    /// <summary>Null when the token is good, else why not.</summary>
    public string? Check(string? token, out long expiresUnixSeconds)
    {
        expiresUnixSeconds = 0;
        if (token is null || !token.StartsWith(Prefix, StringComparison.Ordinal)) return "password is not 'SharedAccessSignature …'";
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var field in token[Prefix.Length..].Split('&'))
        {
            var parts = field.Split('=');
            if (parts.Length != 2) return $"token field '{field}' is not name=value (a raw '=' in the signature breaks parsing)";
            fields[parts[0]] = parts[1];
        }
        if (!fields.TryGetValue("sr", out var sr) || !fields.TryGetValue("sig", out var sig) || !fields.TryGetValue("se", out var se))
            return "token lacks sr, sig or se";
        if (fields.ContainsKey("skn")) return "a module's own key takes no skn";
        if (!string.Equals(Uri.UnescapeDataString(sr), $"{iotHub}/devices/{deviceId}/modules/{moduleId}", StringComparison.OrdinalIgnoreCase))
            return $"token resource '{Uri.UnescapeDataString(sr)}' is not this module";
        if (!long.TryParse(se, NumberStyles.None, CultureInfo.InvariantCulture, out expiresUnixSeconds)) return $"se '{se}' is not Unix seconds";
        var expected = Convert.ToBase64String(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(sr + "\n" + se)));
        if (Uri.UnescapeDataString(sig) != expected) return "signature does not match";
        if (DateTimeOffset.FromUnixTimeSeconds(expiresUnixSeconds) + TimeSpan.FromMinutes(5) < clock.GetUtcNow()) return "token expired";
        return null;
    }
}
