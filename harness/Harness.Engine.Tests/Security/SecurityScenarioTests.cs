using Confluent.Kafka;
using Harness.Engine.Security;
using Harness.Engine.Tests.Scenarios;

namespace Harness.Engine.Tests.Security;

public sealed class SecurityScenarioTests
{
    private const string Literal = "hunter2-literal";

    private static string External(string security) => $$"""
        name: secured
        clusters:
          source:
            kind: external
            bootstrap: kafka-1:9093
            security: {{security}}
          target: {brokers: 1}
        {{ScenarioText.MinimalTopics}}
        """;

    [Test]
    public void An_external_cluster_reads_SASL_SSL_with_SCRAM_and_a_secret_from_the_environment()
    {
        var scenario = ScenarioText.Load(External("{protocol: SASL_SSL, mechanism: SCRAM-SHA-512, username: alice, password: '${env:SOURCE_PASSWORD}', caFile: /etc/ca.pem}"));

        var security = scenario.Clusters.Source.Security;
        security.Protocol.Should().Be(SecurityProtocol.SaslSsl);
        security.Mechanism.Should().Be(SaslMechanism.ScramSha512);
        security.Username.Should().Be("alice");
        security.Password!.Source.Should().Be(SecretSource.Environment);
        security.Password.Name.Should().Be("SOURCE_PASSWORD");
        security.CaFile.Should().Be("/etc/ca.pem");
        scenario.Clusters.Target.Security.Should().Be(SecuritySpec.Plaintext, "a cluster without security: is PLAINTEXT");
    }

    [Test]
    public void A_literal_password_for_a_cluster_the_harness_did_not_start_is_refused_without_echoing_it()
    {
        var error = ScenarioText.Error(External($"{{protocol: SASL_SSL, mechanism: PLAIN, username: alice, password: {Literal}}}"));

        error.Should().Contain("clusters.source.security.password").And.Contain("${env:NAME}").And.NotContain(Literal);
    }

    [Test]
    public void A_literal_password_for_an_embedded_cluster_is_accepted()
    {
        var scenario = ScenarioText.Load($$"""
            name: embedded-literal
            clusters:
              source:
                brokers: 1
                security: {protocol: SASL_PLAINTEXT, mechanism: PLAIN, username: alice, password: {{Literal}} }
              target: {brokers: 1}
            {{ScenarioText.MinimalTopics}}
            """);

        scenario.Clusters.Source.Security.Password!.Source.Should().Be(SecretSource.Literal);
        scenario.Clusters.Source.Security.Password.ToString().Should().NotContain(Literal);
    }

    [TestCase("{protocol: SASL_SSL, username: alice, password: '${env:P}'}", "without a mechanism")]
    [TestCase("{protocol: SSL, mechanism: PLAIN}", "does not use SASL")]
    [TestCase("{protocol: SASL_PLAINTEXT, mechanism: PLAIN, username: alice, password: '${env:P}', caFile: ca.pem}", "does not use TLS")]
    [TestCase("{protocol: SASL_SSL, mechanism: SCRAM-SHA-256, username: alice}", "without username and password")]
    [TestCase("{protocol: SASL_SSL, mechanism: OAUTHBEARER}", "without a principal or OIDC client credentials")]
    [TestCase("{protocol: SSL, certFile: c.pem}", "only one of certFile and keyFile")]
    [TestCase("{protocol: SASL_SSL, mechanism: PLAIN, username: a, password: '${vault:x}'}", "unknown secret provider")]
    [TestCase("{protocol: TLS}", "one of PLAINTEXT, SSL, SASL_PLAINTEXT, SASL_SSL")]
    public void An_inconsistent_block_names_the_problem_and_the_fix(string security, string expected)
    {
        ScenarioText.Error(External(security)).Should().Contain(expected);
    }

    [Test]
    public void OAUTHBEARER_takes_an_unsecured_principal_or_OIDC_client_credentials()
    {
        var unsecured = ScenarioText.Load(External("{protocol: SASL_PLAINTEXT, mechanism: OAUTHBEARER, oauthbearer: {principal: alice}}"));
        unsecured.Clusters.Source.Security.OAuthBearer!.Principal.Should().Be("alice");

        var oidc = ScenarioText.Load(External("{protocol: SASL_SSL, mechanism: OAUTHBEARER, oauthbearer: {tokenEndpoint: 'https://login.example.com/token', clientId: harness, clientSecret: '${file:/run/secrets/oidc}', scope: kafka}}"));
        var spec = oidc.Clusters.Source.Security.OAuthBearer!;
        spec.UsesOidc.Should().BeTrue();
        spec.ClientSecret!.Source.Should().Be(SecretSource.File);
        spec.ClientSecret.Name.Should().Be("/run/secrets/oidc");
    }
}
