using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace ValueGuard.Escalation.Sinks.DingTalk;

/// <summary>
/// DingTalk's signed-URL scheme for custom group robots ("加签"): sign = URL-encode(base64(HMAC-SHA256(key: secret,
/// message: timestamp + "\n" + secret))), with timestamp in unix milliseconds, appended as
/// <c>&amp;timestamp=…&amp;sign=…</c>. DingTalk refuses a timestamp more than an hour from its clock.
/// </summary>
public static class DingTalkSignature
{
    public static string Compute(string secret, long timestampMs)
    {
        var key = Encoding.UTF8.GetBytes(secret);
        var message = Encoding.UTF8.GetBytes(timestampMs.ToString(CultureInfo.InvariantCulture) + "\n" + secret);
        return Uri.EscapeDataString(Convert.ToBase64String(HMACSHA256.HashData(key, message)));
    }

    /// <summary>The robot's webhook URL with <c>timestamp</c> and <c>sign</c> appended to its query.</summary>
    public static Uri Sign(Uri webhook, string secret, long timestampMs)
    {
        var separator = string.IsNullOrEmpty(webhook.Query) ? "?" : "&";
        return new Uri(webhook.AbsoluteUri + separator + "timestamp=" + timestampMs.ToString(CultureInfo.InvariantCulture) + "&sign=" + Compute(secret, timestampMs));
    }
}
