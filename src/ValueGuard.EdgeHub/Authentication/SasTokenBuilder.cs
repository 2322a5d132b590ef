using System.Globalization;
using System.Text;

namespace ValueGuard.EdgeHub.Authentication;

/// <summary>
/// Builds the module SAS token exactly as the brief says (notes/iotedge-mqtt-protocol.md §3):
/// <c>sr</c> is the URL-encoded <c>{hub}/devices/{device}/modules/{module}</c>, the string to sign is that
/// encoded <c>sr</c>, one LF and <c>se</c>, and the URL-encoded signature goes into
/// <c>SharedAccessSignature sr=…&amp;sig=…&amp;se=…</c> (no <c>skn</c> for a module's own key).
/// </summary>
public static class SasTokenBuilder
{
    /// <summary>The URL-encoded resource URI, byte for byte as it appears in the token and is signed.</summary>
    public static string EncodedResource(string iotHubHostName, string deviceId, string moduleId) =>
        Uri.EscapeDataString($"{iotHubHostName}/devices/{deviceId}/modules/{moduleId}");

    /// <summary>The UTF-8 bytes to sign: encoded <c>sr</c> + "\n" + <c>se</c>.</summary>
    public static byte[] StringToSign(string encodedResource, long expiresUnixSeconds) =>
        Encoding.UTF8.GetBytes(encodedResource + "\n" + expiresUnixSeconds.ToString(CultureInfo.InvariantCulture));

    /// <summary>The token text; the signature is URL-encoded because edgeHub splits fields on '&amp;' and '='.</summary>
    public static string Format(string encodedResource, string signatureBase64, long expiresUnixSeconds) =>
        $"SharedAccessSignature sr={encodedResource}&sig={Uri.EscapeDataString(signatureBase64)}&se={expiresUnixSeconds.ToString(CultureInfo.InvariantCulture)}";

    public static async Task<SasToken> BuildAsync(ISasSigner signer, string iotHubHostName, string deviceId, string moduleId, DateTimeOffset expiresAt, CancellationToken ct)
    {
        var sr = EncodedResource(iotHubHostName, deviceId, moduleId);
        var se = expiresAt.ToUnixTimeSeconds();
        var signature = await signer.SignAsync(StringToSign(sr, se), ct).ConfigureAwait(false);
        return new SasToken(Format(sr, signature, se), DateTimeOffset.FromUnixTimeSeconds(se));
    }
}
