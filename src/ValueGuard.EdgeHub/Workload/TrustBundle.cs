using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace ValueGuard.EdgeHub.Workload;

/// <summary>
/// Reads the trust bundle: PEM text with one or more CERTIFICATE blocks. The swagger calls it
/// "base64 encoded PEM" while the daemon and the SDKs use plain PEM, so a base64-wrapped PEM is accepted too.
/// </summary>
public static class TrustBundle
{
    public static X509Certificate2Collection Parse(string text)
    {
        if (!text.Contains("-----BEGIN", StringComparison.Ordinal))
        {
            try { text = Encoding.UTF8.GetString(Convert.FromBase64String(text.Trim())); }
            catch (FormatException) { throw new FormatException("the trust bundle is neither PEM nor base64-encoded PEM"); }
        }
        var certificates = new X509Certificate2Collection();
        certificates.ImportFromPem(text);
        if (certificates.Count == 0) throw new FormatException("the trust bundle holds no CERTIFICATE block");
        return certificates;
    }

    public static X509Certificate2Collection Load(string pemFile) => Parse(File.ReadAllText(pemFile));
}
