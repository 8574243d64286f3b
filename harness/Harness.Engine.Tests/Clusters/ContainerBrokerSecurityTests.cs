using Confluent.Kafka;
using Harness.Engine.Clusters.Containers;
using Harness.Engine.Security;
using Harness.Testing;

namespace Harness.Engine.Tests.Clusters;

public sealed class ContainerBrokerSecurityTests
{
    private const string Secret = "literal-only-for-started-clusters";

    [Test]
    public void SASL_SSL_gives_harness_broker_the_embedded_listeners_with_the_password_in_the_environment_only()
    {
        using var certificates = TempFolder.Create("harness-container-security-");
        var folder = certificates.FullName;
        var spec = new SecuritySpec { Protocol = SecurityProtocol.SaslSsl, Mechanism = SaslMechanism.ScramSha512, Username = "rehearsal", Password = SecretReference.Parse(Secret) };

        var security = ContainerBrokerSecurity.For(spec, "source", folder);

        security.Arguments.Should().Equal("--security", "SASL_SSL", "--mechanism", "SCRAM-SHA-512", "--user", "rehearsal:${env:HARNESS_BROKER_PASSWORD}",
            "--certs", folder, "--client-auth", "none");
        security.Environment.Should().Equal(new Dictionary<string, string> { ["HARNESS_BROKER_PASSWORD"] = Secret });
        security.CertificateFolder.Should().Be(folder);
        security.CaFile.Should().Be(Path.Combine(folder, "source-ca.pem"));
    }

    [Test]
    public void SASL_PLAINTEXT_mounts_nothing_and_PLAINTEXT_adds_nothing()
    {
        var plain = new SecuritySpec { Protocol = SecurityProtocol.SaslPlaintext, Mechanism = SaslMechanism.Plain, Username = "u", Password = SecretReference.Parse(Secret) };

        var sasl = ContainerBrokerSecurity.For(plain, "target", "/unused");

        sasl.Arguments.Should().Equal("--security", "SASL_PLAINTEXT", "--mechanism", "PLAIN", "--user", "u:${env:HARNESS_BROKER_PASSWORD}");
        sasl.CertificateFolder.Should().BeNull();
        sasl.CaFile.Should().BeNull();
        ContainerBrokerSecurity.For(SecuritySpec.Plaintext, "target", "/unused").Arguments.Should().BeEmpty();
    }

    [Test]
    public void A_client_certificate_in_the_scenario_makes_the_brokers_request_one()
    {
        using var certificates = TempFolder.Create("harness-container-security-");
        var folder = certificates.FullName;
        var spec = new SecuritySpec { Protocol = SecurityProtocol.Ssl, CertFile = "client.pem", KeyFile = "client-key.pem" };

        ContainerBrokerSecurity.For(spec, "target", folder).Arguments.Should().Equal("--security", "SSL", "--certs", folder, "--client-auth", "requested");
    }
}
