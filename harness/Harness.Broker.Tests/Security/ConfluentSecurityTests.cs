using Confluent.Kafka;
using Harness.Broker.Cluster;
using Harness.Broker.Security;
using SecurityProtocol = Harness.Broker.Security.SecurityProtocol;

namespace Harness.Broker.Tests.Security;

/// <summary>Confluent.Kafka (librdkafka) against secured embedded clusters: SASL mechanisms, TLS, mutual TLS, and refusals.</summary>
[Category("Integration")]
public sealed class ConfluentSecurityTests
{
    private string _folder = null!;

    [SetUp]
    public void MakeFolder() => _folder = Directory.CreateTempSubdirectory("harness-security-test-").FullName;

    [TearDown]
    public void RemoveFolder() => Directory.Delete(_folder, recursive: true);

    [TestCase(SecurityProtocol.SaslPlaintext, SaslMechanisms.Plain)]
    [TestCase(SecurityProtocol.SaslPlaintext, SaslMechanisms.ScramSha256)]
    [TestCase(SecurityProtocol.SaslPlaintext, SaslMechanisms.ScramSha512)]
    [TestCase(SecurityProtocol.SaslPlaintext, SaslMechanisms.OAuthBearer)]
    [TestCase(SecurityProtocol.SaslSsl, SaslMechanisms.ScramSha512)]
    [TestCase(SecurityProtocol.SaslSsl, SaslMechanisms.Plain)]
    public async Task Confluent_produces_and_consumes_after_sasl_authentication(SecurityProtocol protocol, string mechanism)
    {
        await using var cluster = Start(protocol);
        cluster.CreateTopic("secured", 3);

        var problem = SecureClients.RoundTrip(cluster, "secured", 500, c => c.Secure(cluster, mechanism, "alice", "alice-secret"));

        problem.Should().BeNull();
        cluster.InternalErrors.Should().Be(0);
    }

    [TestCase(SaslMechanisms.ScramSha256)]
    [TestCase(SaslMechanisms.ScramSha512)]
    public async Task Confluent_scram_passes_the_strict_nonce_check_of_kafka_4(string mechanism)
    {
        await using var cluster = Start(SecurityProtocol.SaslPlaintext, new BrokerSecurity { StrictScramNonce = true });

        SecureClients.MetadataError(new AdminClientConfig().Secure(cluster, mechanism, "alice", "alice-secret")).Should().BeNull();
    }

    [Test]
    public async Task Confluent_produces_and_consumes_over_tls_trusting_the_generated_ca()
    {
        await using var cluster = Start(SecurityProtocol.Ssl);
        cluster.CreateTopic("secured", 3);

        File.ReadAllText(cluster.CaFile!).Should().StartWith("-----BEGIN CERTIFICATE-----");
        Path.GetDirectoryName(cluster.CaFile).Should().Be(_folder);
        SecureClients.RoundTrip(cluster, "secured", 500, c => c.Secure(cluster)).Should().BeNull();
    }

    [TestCase(SaslMechanisms.Plain)]
    [TestCase(SaslMechanisms.ScramSha256)]
    [TestCase(SaslMechanisms.ScramSha512)]
    public async Task Confluent_with_a_wrong_password_fails_with_an_authentication_error(string mechanism)
    {
        await using var cluster = Start(SecurityProtocol.SaslPlaintext);

        var error = SecureClients.MetadataError(new AdminClientConfig().Secure(cluster, mechanism, "alice", "not-the-secret"));

        error.Should().NotBeNull();
        error!.Code.Should().Be(ErrorCode.Local_Authentication, error.Reason);
        error.Reason.Should().Contain("Authentication failed").And.NotContain("not-the-secret").And.NotContain("alice-secret");
    }

    [Test]
    public async Task Confluent_as_an_unknown_user_fails_with_an_authentication_error()
    {
        await using var cluster = Start(SecurityProtocol.SaslPlaintext);

        var error = SecureClients.MetadataError(new AdminClientConfig().Secure(cluster, SaslMechanisms.ScramSha512, "mallory", "alice-secret"));

        error!.Code.Should().Be(ErrorCode.Local_Authentication, error.Reason);
    }

    [Test]
    public async Task Confluent_asking_for_a_mechanism_the_cluster_does_not_enable_fails()
    {
        await using var cluster = Start(SecurityProtocol.SaslPlaintext, new BrokerSecurity { Mechanisms = [SaslMechanisms.ScramSha512] });

        var error = SecureClients.MetadataError(new AdminClientConfig().Secure(cluster, SaslMechanisms.Plain, "alice", "alice-secret"));

        error!.Code.Should().Be(ErrorCode.Local_Authentication, error.Reason);
        error.Reason.Should().Contain("SCRAM-SHA-512");
    }

    [Test]
    public async Task Confluent_trusting_another_ca_fails_the_tls_handshake()
    {
        await using var cluster = Start(SecurityProtocol.Ssl);
        var otherFolder = Path.Combine(_folder, "other");
        await using var other = EmbeddedCluster.Start(new EmbeddedClusterOptions
        {
            Name = "other",
            Brokers = 1,
            Security = new BrokerSecurity { Protocol = SecurityProtocol.Ssl, CertificateFolder = otherFolder },
        });
        var config = new AdminClientConfig().Secure(cluster);
        config.SslCaLocation = other.CaFile;

        var error = SecureClients.MetadataError(config);

        error!.Code.Should().Be(ErrorCode.Local_Ssl, error.Reason);
        error.Reason.Should().Contain("certificate verify failed");
    }

    [Test]
    public async Task Confluent_with_plaintext_against_a_tls_listener_gets_no_metadata()
    {
        await using var cluster = Start(SecurityProtocol.Ssl);

        var error = SecureClients.MetadataError(new AdminClientConfig { BootstrapServers = cluster.BootstrapServers });

        error.Should().NotBeNull();
        cluster.InternalErrors.Should().Be(0);
    }

    [Test]
    public async Task Confluent_with_a_client_certificate_authenticates_by_mutual_tls_and_without_one_is_refused()
    {
        await using var cluster = Start(SecurityProtocol.Ssl, new BrokerSecurity { ClientAuthentication = ClientAuthentication.Required, SuperUsers = ["CN=alice"] }, anonymousIsSuper: false);
        cluster.CreateTopic("secured", 3);
        var (certificate, key) = cluster.IssueClientCertificate("alice", Path.Combine(_folder, "clients"));

        var problem = SecureClients.RoundTrip(cluster, "secured", 200, c =>
        {
            c.Secure(cluster);
            c.SslCertificateLocation = certificate;
            c.SslKeyLocation = key;
            return c;
        });

        problem.Should().BeNull();
        var refused = SecureClients.MetadataError(new AdminClientConfig().Secure(cluster));
        refused.Should().NotBeNull();
    }

    /// <summary>A cluster with users alice (a super user) and bob; on SSL alone, clients without a certificate (ANONYMOUS) are super users too unless told otherwise.</summary>
    private EmbeddedCluster Start(SecurityProtocol protocol, BrokerSecurity? security = null, bool anonymousIsSuper = true) => EmbeddedCluster.Start(new EmbeddedClusterOptions
    {
        Name = "secure",
        Security = (security ?? new BrokerSecurity()) with
        {
            Protocol = protocol,
            Users = new Dictionary<string, string> { ["alice"] = "alice-secret", ["bob"] = "bob-secret" },
            CertificateFolder = _folder,
            SuperUsers = [.. (security ?? new BrokerSecurity()).SuperUsers, "alice", .. protocol.UsesSasl() || !anonymousIsSuper ? Array.Empty<string>() : ["ANONYMOUS"]],
        },
    });
}
