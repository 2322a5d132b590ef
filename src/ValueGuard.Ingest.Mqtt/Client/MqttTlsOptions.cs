using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using MQTTnet;

namespace ValueGuard.Ingest.Mqtt.Client;

/// <summary>
/// TLS towards an <c>mqtts://</c> broker: the plant's own CA (PEM) instead of the system store, and a client
/// certificate with its private key (PEM) when the broker requires one. Files are read at every connect, so a
/// renewed certificate is picked up at the next reconnect.
/// </summary>
public sealed record MqttTlsOptions
{
    /// <summary>PEM file of the CA certificate(s) the broker's certificate must chain to; null trusts the system store.</summary>
    public string? CaFile { get; init; }

    /// <summary>PEM file of the gateway's client certificate; needs <see cref="ClientKeyFile"/>.</summary>
    public string? ClientCertificateFile { get; init; }

    /// <summary>PEM file of the client certificate's private key (unencrypted, owner-only).</summary>
    public string? ClientKeyFile { get; init; }

    public void Validate()
    {
        if ((ClientCertificateFile is null) != (ClientKeyFile is null))
            throw new ArgumentException("MqttTlsOptions: a client certificate needs both ClientCertificateFile and ClientKeyFile.");
    }

    /// <summary>Sets the client certificate and the trust check on an MQTTnet TLS builder.</summary>
    public void Apply(MqttClientTlsOptionsBuilder tls)
    {
        if (ClientCertificateFile is not null)
        {
            using var pem = X509Certificate2.CreateFromPemFile(ClientCertificateFile, ClientKeyFile);
            // Exported and re-imported so the key is not ephemeral: SslStream needs a persisted key on some platforms.
            var certificate = X509CertificateLoader.LoadPkcs12(pem.Export(X509ContentType.Pkcs12), null);
            tls.WithClientCertificates([certificate]);
        }
        if (CaFile is not null)
        {
            var roots = new X509Certificate2Collection();
            roots.ImportFromPemFile(CaFile);
            tls.WithCertificateValidationHandler(e => IsTrusted(e.Certificate, e.SslPolicyErrors, roots));
        }
    }

    private static bool IsTrusted(X509Certificate? presented, SslPolicyErrors errors, X509Certificate2Collection roots)
    {
        if (presented is null || errors.HasFlag(SslPolicyErrors.RemoteCertificateNameMismatch) || errors.HasFlag(SslPolicyErrors.RemoteCertificateNotAvailable))
            return false;
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(roots);
        // Plant CAs rarely publish revocation lists the gateway can reach.
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        using var certificate = new X509Certificate2(presented);
        return chain.Build(certificate);
    }
}
