using Confluent.Kafka;
using Harness.Engine.Clients;
using Harness.Engine.Replicators;
using Harness.Engine.Runs;
using Harness.Engine.Security;
using Harness.Engine.Tests.Scenarios;
using Harness.Testing;

namespace Harness.Engine.Tests.Security;

public sealed class ClientSecurityTests
{
    private const string Variable = "HARNESS_TEST_SECRET_PASSWORD";
    private const string Secret = "s3cr3t-from-the-environment";

    // Set once for the fixture: tests run in parallel and the environment is the process's.
    [OneTimeSetUp]
    public void SetSecret() => Environment.SetEnvironmentVariable(Variable, Secret);

    [OneTimeTearDown]
    public void ClearSecret() => Environment.SetEnvironmentVariable(Variable, null);

    private static SecuritySpec Scram => new()
    {
        Protocol = SecurityProtocol.SaslSsl,
        Mechanism = SaslMechanism.ScramSha512,
        Username = "alice",
        Password = SecretReference.Parse($"${{env:{Variable}}}"),
    };

    [Test]
    public void The_harness_clients_get_the_resolved_secret_and_child_files_get_only_a_reference()
    {
        var security = ClientSecurity.Resolve(Scram, "source", generatedCaFile: "/tmp/run/source-ca.pem");

        var native = security.Librdkafka();
        native["security.protocol"].Should().Be("sasl_ssl");
        native["sasl.mechanism"].Should().Be("SCRAM-SHA-512");
        native["sasl.username"].Should().Be("alice");
        native["sasl.password"].Should().Be(Secret);
        native["ssl.ca.location"].Should().Be("/tmp/run/source-ca.pem");

        security.LibrdkafkaForChild()["sasl.password"].Should().Be($"${{env:{Variable}}}");
        var java = security.Java();
        java["sasl.jaas.config"].Should().Be($"org.apache.kafka.common.security.scram.ScramLoginModule required username=\"alice\" password=\"${{env:{Variable}}}\";");
        java["ssl.truststore.type"].Should().Be("PEM");
        java.Values.Should().NotContain(v => v.Contains(Secret, StringComparison.Ordinal));
        security.ChildEnvironment().Should().BeEmpty("the child inherits the harness's own variable");
        security.ToString().Should().Be("SASL_SSL SCRAM-SHA-512");
    }

    [Test]
    public void A_literal_secret_reaches_a_child_through_its_environment_only()
    {
        var spec = Scram with { Password = SecretReference.Parse("literal-pw") };
        var security = ClientSecurity.Resolve(spec, "target");

        security.Java()["sasl.jaas.config"].Should().Contain("${env:HARNESS_SECRET_TARGET_PASSWORD}").And.NotContain("literal-pw");
        security.ChildEnvironment().Should().Equal(new Dictionary<string, string> { ["HARNESS_SECRET_TARGET_PASSWORD"] = "literal-pw" });
    }

    [Test]
    public void A_secret_from_a_file_is_read_without_its_newline_and_referenced_through_the_directory_provider()
    {
        using var folder = TempFolder.Create("harness-secret-");
        var file = Path.Combine(folder.FullName, "password");
        File.WriteAllText(file, "from-a-file\n");
        var security = ClientSecurity.Resolve(Scram with { Password = SecretReference.Parse($"${{file:{file}}}") }, "source");

        security.Librdkafka()["sasl.password"].Should().Be("from-a-file");
        security.Java()["sasl.jaas.config"].Should().Contain($"${{dir:{Path.GetDirectoryName(file)}:password}}");
    }

    [Test]
    public void An_unset_variable_is_a_one_line_error_naming_it()
    {
        const string unset = "HARNESS_TEST_SECRET_NEVER_SET";
        var spec = Scram with { Password = SecretReference.Parse($"${{env:{unset}}}") };

        var error = FluentActions.Invoking(() => ClientSecurity.Resolve(spec, "source")).Should().Throw<HarnessException>().Which;

        error.ExitCode.Should().Be(ExitCodes.BadInput);
        error.Message.Should().Be($"clusters.source.security.password: environment variable {unset} is not set; export it before the run");
    }

    [Test]
    public void The_run_mm2_properties_carry_security_in_each_replicator_s_names_and_never_the_secret()
    {
        var scenario = ScenarioText.Load("name: secured\n" + ScenarioText.MinimalTopics);
        var source = new KafkaEndpoint("s:9093", ClientSecurity.Resolve(Scram, "source", "/run/ca.pem"));
        var target = new KafkaEndpoint("t:9092");

        var forBuiltin = Mm2Properties.Render(scenario, source, target, new Mm2PropertiesOptions { LibrdkafkaClients = true });
        var forMm2 = Mm2Properties.Render(scenario, source, target);

        forBuiltin.Should().Contain("source.sasl.username = alice").And.Contain($"source.sasl.password = ${{env:{Variable}}}")
            .And.Contain("source.ssl.ca.location = /run/ca.pem").And.Contain("config.providers = env,dir");
        forMm2.Should().Contain("source.security.protocol = SASL_SSL").And.Contain("source.sasl.jaas.config = ")
            .And.Contain("source.ssl.truststore.location = /run/ca.pem").And.NotContain("target.security.protocol");
        forBuiltin.Should().NotContain(Secret);
        forMm2.Should().NotContain(Secret);
    }

    [Test]
    public void An_endpoint_configures_every_client_with_its_security()
    {
        var endpoint = new KafkaEndpoint("s:9093", ClientSecurity.Resolve(Scram, "source"));

        var admin = endpoint.Admin("harness-test");
        admin.BootstrapServers.Should().Be("s:9093");
        admin.SaslPassword.Should().Be(Secret);
        endpoint.With(new Dictionary<string, string> { ["group.id"] = "g" }).Should().Contain("sasl.username", "alice").And.Contain("group.id", "g");
        endpoint.ToString().Should().Be("s:9093");
    }
}
