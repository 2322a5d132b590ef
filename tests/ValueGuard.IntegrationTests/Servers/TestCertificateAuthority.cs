using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace ValueGuard.IntegrationTests.Servers;

/// <summary>
/// A throw-away CA made at test time with the .NET certificate APIs, and certificates it signs, written as
/// PEM files: the shape a plant's own PKI hands to a broker and a gateway.
/// </summary>
public sealed class TestCertificateAuthority : IDisposable
{
    private readonly RSA key = RSA.Create(2048);
    private readonly string directory;

    public TestCertificateAuthority(string directory, string name)
    {
        this.directory = directory;
        var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        Certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-2), DateTimeOffset.UtcNow.AddDays(60));
        CertificateFile = Path.Combine(directory, $"{name}.pem");
        File.WriteAllText(CertificateFile, Certificate.ExportCertificatePem());
    }

    public X509Certificate2 Certificate { get; }

    public string CertificateFile { get; }

    /// <summary>Issues a certificate for a server on 127.0.0.1 (<paramref name="server"/>) or a client; returns its PEM certificate and key files.</summary>
    public (string CertificateFile, string KeyFile) Issue(string name, bool server)
    {
        using var leafKey = RSA.Create(2048);
        var request = new CertificateRequest($"CN={name}", leafKey, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid(server ? "1.3.6.1.5.5.7.3.1" : "1.3.6.1.5.5.7.3.2")], false));
        if (server)
        {
            var names = new SubjectAlternativeNameBuilder();
            names.AddIpAddress(IPAddress.Loopback);
            names.AddDnsName("localhost");
            request.CertificateExtensions.Add(names.Build());
        }
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(Certificate, true, false));
        var serial = RandomNumberGenerator.GetBytes(12);
        serial[0] &= 0x7f;
        // Within the CA's validity: generating the keys can take longer than a second on a loaded machine.
        using var issued = request.Create(Certificate, DateTimeOffset.UtcNow.AddDays(-1), new DateTimeOffset(Certificate.NotAfter).AddMinutes(-1), serial);
        var certificateFile = Path.Combine(directory, $"{name}.pem");
        var keyFile = Path.Combine(directory, $"{name}.key");
        File.WriteAllText(certificateFile, issued.ExportCertificatePem());
        File.WriteAllText(keyFile, leafKey.ExportPkcs8PrivateKeyPem());
        return (certificateFile, keyFile);
    }

    public void Dispose()
    {
        Certificate.Dispose();
        key.Dispose();
    }
}
