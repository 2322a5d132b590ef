using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace ValueGuard.Escalation.Sinks.Webhook;

/// <summary>
/// The signature of a webhook request: <c>sha256=</c> + lowercase hex of HMAC-SHA256(secret, timestamp + "." + body),
/// where timestamp is the decimal unix-seconds value of the <c>X-ValueGuard-Timestamp</c> header. Receivers use
/// <see cref="Verify"/> (or the recipe in docs/webhook.md) to reject forged and replayed requests.
/// </summary>
public static class WebhookSignature
{
    public const string Prefix = "sha256=";

    /// <summary>How far a request's timestamp may be from the receiver's clock by default.</summary>
    public static readonly TimeSpan DefaultTolerance = TimeSpan.FromMinutes(5);

    public static string Compute(ReadOnlySpan<byte> secret, long timestamp, ReadOnlySpan<byte> body)
    {
        var prefix = Encoding.ASCII.GetBytes(timestamp.ToString(CultureInfo.InvariantCulture) + ".");
        var message = new byte[prefix.Length + body.Length];
        prefix.CopyTo(message, 0);
        body.CopyTo(message.AsSpan(prefix.Length));
        return Prefix + Convert.ToHexStringLower(HMACSHA256.HashData(secret, message));
    }

    /// <summary>
    /// Checks a received request: the timestamp header must be within <paramref name="tolerance"/> (default 5 min)
    /// of <paramref name="now"/> and the signature header must match, compared in constant time.
    /// </summary>
    public static WebhookVerification Verify(ReadOnlySpan<byte> secret, string? timestamp, ReadOnlySpan<byte> body, string? signatureHeader,
        DateTimeOffset now, TimeSpan? tolerance = null)
    {
        if (!long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)) return WebhookVerification.Malformed;
        if (signatureHeader is null || !signatureHeader.StartsWith(Prefix, StringComparison.Ordinal)) return WebhookVerification.Malformed;
        var age = now - DateTimeOffset.FromUnixTimeSeconds(Math.Clamp(seconds, 0, 253402300799));
        if (age.Duration() > (tolerance ?? DefaultTolerance)) return WebhookVerification.OutsideTimeWindow;
        var expected = Encoding.ASCII.GetBytes(Compute(secret, seconds, body));
        var actual = Encoding.ASCII.GetBytes(signatureHeader.ToLowerInvariant());
        return CryptographicOperations.FixedTimeEquals(expected, actual) ? WebhookVerification.Valid : WebhookVerification.WrongSignature;
    }
}

/// <summary>The outcome of checking a webhook request's signature.</summary>
public enum WebhookVerification
{
    Valid,
    /// <summary>A header is missing or not in the documented form.</summary>
    Malformed,
    /// <summary>The timestamp is too old or too far ahead: a replay, or a clock that is off.</summary>
    OutsideTimeWindow,
    WrongSignature,
}
