using System.Net;
using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Harness.Broker.Security;

/// <summary>
/// A cluster's TLS material, made at start: a CA (written as PEM for clients to trust) and one broker certificate
/// for the listener host, signed by it; the CA also issues client certificates for mutual TLS. Only certificates are
/// written down (<c>NAME-ca.pem</c>, <c>NAME-broker.pem</c>); the private keys stay in memory.
/// </summary>
internal sealed class TlsMaterial : IDisposable
{
    private static readonly TimeSpan Validity = TimeSpan.FromDays(30);
    private readonly X509Certificate2 _ca;
    private readonly X509Certificate2 _broker;
    private readonly ClientAuthentication _clientAuthentication;

    private TlsMaterial(X509Certificate2 ca, X509Certificate2 broker, string caFile, string brokerCertificateFile, ClientAuthentication clientAuthentication)
    {
        _ca = ca;
        _broker = broker;
        CaFile = caFile;
        BrokerCertificateFile = brokerCertificateFile;
        _clientAuthentication = clientAuthentication;
        var context = SslStreamCertificateContext.Create(broker, [], offline: true);
        ServerOptions = new SslServerAuthenticationOptions
        {
            ServerCertificateContext = context,
            EnabledSslProtocols = System.Security.Authentication.SslProtocols.Tls12 | System.Security.Authentication.SslProtocols.Tls13,
            ClientCertificateRequired = clientAuthentication != ClientAuthentication.None,
            CertificateRevocationCheckMode = X509RevocationMode.NoCheck,
            RemoteCertificateValidationCallback = ValidateClient,
        };
    }

    /// <summary>The CA certificate as PEM, for clients' <c>ssl.ca.location</c>.</summary>
    public string CaFile { get; }

    /// <summary>The brokers' certificate as PEM, without its key: what a client is shown, for operators to inspect.</summary>
    public string BrokerCertificateFile { get; }

    public SslServerAuthenticationOptions ServerOptions { get; }

    public static TlsMaterial Create(string clusterName, string host, string? folder, ClientAuthentication clientAuthentication)
    {
        folder ??= Directory.CreateTempSubdirectory("harness-tls-").FullName;
        Directory.CreateDirectory(folder);
        var now = DateTimeOffset.UtcNow.AddMinutes(-5);
        using var caKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var caRequest = new CertificateRequest($"CN=Harness test CA {clusterName}", caKey, HashAlgorithmName.SHA256);
        caRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, true, 0, true));
        caRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        caRequest.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(caRequest.PublicKey, false));
        var ca = caRequest.CreateSelfSigned(now, now + Validity);

        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName("localhost");
        if (IPAddress.TryParse(host, out var address))
        {
            names.AddIpAddress(address);
        }
        else
        {
            names.AddDnsName(host);
        }

        var broker = Issue(ca, $"CN={host}", names.Build(), new Oid("1.3.6.1.5.5.7.3.1"), now);
        var caFile = Path.Combine(folder, $"{clusterName}-ca.pem");
        File.WriteAllText(caFile, ca.ExportCertificatePem() + "\n");
        var brokerFile = Path.Combine(folder, $"{clusterName}-broker.pem");
        File.WriteAllText(brokerFile, broker.ExportCertificatePem() + "\n");
        return new TlsMaterial(ca, broker, caFile, brokerFile, clientAuthentication);
    }

    /// <summary>A client certificate signed by the CA, as PEM: the certificate and its unencrypted PKCS#8 key.</summary>
    public (string CertificatePem, string KeyPem) IssueClient(string subject)
    {
        using var certificate = Issue(_ca, subject, null, new Oid("1.3.6.1.5.5.7.3.2"), DateTimeOffset.UtcNow.AddMinutes(-5));
        using var key = certificate.GetECDsaPrivateKey()!;
        return (certificate.ExportCertificatePem() + "\n", key.ExportPkcs8PrivateKeyPem() + "\n");
    }

    /// <summary>Kafka's default SSL principal: the subject's distinguished name in RFC 2253 form.</summary>
    public static string PrincipalOf(X509Certificate certificate) =>
        string.Join(',', new X500DistinguishedName(certificate.Subject).Decode(X500DistinguishedNameFlags.UseCommas | X500DistinguishedNameFlags.DoNotUseQuotes)
            .Split(", ", StringSplitOptions.None));

    private static X509Certificate2 Issue(X509Certificate2 ca, string subject, X509Extension? names, Oid usage, DateTimeOffset notBefore)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyAgreement, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([usage], false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(ca, true, false));
        if (names is not null)
        {
            request.CertificateExtensions.Add(names);
        }

        using var signed = request.Create(ca, notBefore, notBefore + Validity, RandomNumberGenerator.GetBytes(16));
        return signed.CopyWithPrivateKey(key);
    }

    private bool ValidateClient(object sender, X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors)
    {
        if (certificate is null)
        {
            return _clientAuthentication != ClientAuthentication.Required;
        }

        // Trust exactly this cluster's CA, whatever the machine's store holds.
        using var own = new X509Chain();
        own.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        own.ChainPolicy.CustomTrustStore.Add(_ca);
        own.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        using var presented = new X509Certificate2(certificate);
        return own.Build(presented);
    }

    public void Dispose()
    {
        _ca.Dispose();
        _broker.Dispose();
    }
}
