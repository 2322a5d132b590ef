using System.Security.Cryptography;
using System.Text;

namespace ValueGuard.Escalation.Sinks.Feishu;

/// <summary>
/// The Feishu/Lark custom robot's "signature verification" (签名校验): sign = base64(HMAC-SHA256(key: timestamp + "\n" +
/// secret, message: empty)), with timestamp in unix seconds, both sent in the JSON body. Unlike DingTalk the string
/// to sign is the HMAC key and the message is empty. Feishu refuses a timestamp more than an hour from its clock.
/// </summary>
public static class FeishuSignature
{
    public static string Compute(string secret, long timestampSeconds)
    {
        var key = Encoding.UTF8.GetBytes(timestampSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture) + "\n" + secret);
        return Convert.ToBase64String(HMACSHA256.HashData(key, Array.Empty<byte>()));
    }
}
