using System.Security.Cryptography;
using System.Text;

namespace ValueGuard.Gateway.Web;

/// <summary>
/// The web API's bearer token, read from a file. Requests are checked in constant time: both sides are
/// hashed with SHA-256 and compared with <see cref="CryptographicOperations.FixedTimeEquals"/>, so neither the
/// token's length nor its first differing byte shows in the response time. The token itself is not kept.
/// </summary>
public sealed class BearerToken
{
    public const int MinimumLength = 16;

    private readonly byte[] hash;

    private BearerToken(string token) => hash = SHA256.HashData(Encoding.UTF8.GetBytes(token));

    public static BearerToken FromFile(string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"web: token_file {path} does not exist; write a random token into it (e.g. openssl rand -hex 32 > {path})", path);
        var token = File.ReadAllText(path).Trim();
        if (token.Length < MinimumLength)
            throw new InvalidOperationException($"web: the token in {path} is shorter than {MinimumLength} characters; write a random one (e.g. openssl rand -hex 32 > {path})");
        return new BearerToken(token);
    }

    /// <summary>True when the header is <c>Bearer &lt;token&gt;</c> with this token.</summary>
    public bool Accepts(string? authorization)
    {
        const string scheme = "Bearer ";
        if (authorization is null || !authorization.StartsWith(scheme, StringComparison.OrdinalIgnoreCase)) return false;
        var offered = SHA256.HashData(Encoding.UTF8.GetBytes(authorization[scheme.Length..].Trim()));
        return CryptographicOperations.FixedTimeEquals(hash, offered);
    }
}
