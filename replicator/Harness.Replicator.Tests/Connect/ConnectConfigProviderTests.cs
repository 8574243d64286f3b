using Harness.Replicator.Connect;
using Harness.Testing;

namespace Harness.Replicator.Tests.Connect;

/// <summary>
/// The stand-in resolves references to its worker's config providers as Connect does: in its own keys (its clients'
/// security) and in every connector config, which is kept as written; no resolved value appears in a message.
/// </summary>
public sealed class ConnectConfigProviderTests
{
    // Each fixture its own variables: tests of this assembly run in parallel, and the environment is the process's.
    private const string Password = "HARNESS_CONNECT_PROVIDER_TEST_PASSWORD";
    private const string Protocol = "HARNESS_CONNECT_PROVIDER_TEST_PROTOCOL";
    private const string Secret = "pw-resolved-by-the-worker";

    private static readonly string[] Providers =
    [
        "config.providers=env,file,dir",
        "config.providers.env.class=org.apache.kafka.common.config.provider.EnvVarConfigProvider",
        "config.providers.file.class=org.apache.kafka.common.config.provider.FileConfigProvider",
        "config.providers.dir.class=org.apache.kafka.common.config.provider.DirectoryConfigProvider",
    ];

    private string _folder = "";

    [OneTimeSetUp]
    public void SetSecrets()
    {
        Environment.SetEnvironmentVariable(Password, Secret);
        Environment.SetEnvironmentVariable(Protocol, "not-a-protocol-" + Secret);
        _folder = Directory.CreateTempSubdirectory("harness-connect-providers-").FullName;
        File.WriteAllText(Path.Combine(_folder, "secrets.properties"), "target.password=from-the-file\n");
        File.WriteAllText(Path.Combine(_folder, "ca.pem"), "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n");
        File.WriteAllText(Path.Combine(_folder, "client.id"), "from-the-folder");
    }

    [OneTimeTearDown]
    public void ClearSecrets()
    {
        Environment.SetEnvironmentVariable(Password, null);
        Environment.SetEnvironmentVariable(Protocol, null);
        TempFolder.Delete(_folder);
    }

    [Test]
    public void The_workers_own_keys_resolve_through_its_providers_into_its_clients_settings()
    {
        var warnings = new List<string>();

        var worker = ConnectWorkerConfigReader.Read(Properties([.. Providers, "bootstrap.servers=b:1", "security.protocol=SASL_SSL", "sasl.mechanism=SCRAM-SHA-512",
            $"sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required username=\"alice\" password=\"${{env:{Password}}}\";",
            "ssl.truststore.type=PEM", $"ssl.truststore.location={_folder}/ca.pem", "producer.security.protocol=SASL_SSL"]), null, warnings);

        worker.ClientSettings.Should().BeEquivalentTo(new Dictionary<string, string>
        {
            ["security.protocol"] = "SASL_SSL",
            ["sasl.mechanism"] = "SCRAM-SHA-512",
            ["sasl.username"] = "alice",
            ["sasl.password"] = Secret,
            ["ssl.ca.location"] = $"{_folder}/ca.pem",
        });
        worker.Providers.Any.Should().BeTrue();
        warnings.Should().ContainSingle().Which.Should().Contain("'producer.security.protocol' has no effect").And.Contain("source.cluster.");
    }

    [Test]
    public void A_connector_config_resolves_env_file_and_dir_references_and_is_kept_as_written()
    {
        var worker = Worker();
        var config = ConnectorConfigTranslatorTests.Config("MirrorSourceConnector",
            ("source.cluster.security.protocol", "SASL_PLAINTEXT"), ("source.cluster.sasl.mechanism", "PLAIN"),
            ("source.cluster.sasl.jaas.config", $"org.apache.kafka.common.security.plain.PlainLoginModule required username=\"alice\" password=\"${{env:{Password}}}\";"),
            ("target.cluster.security.protocol", "SASL_PLAINTEXT"), ("target.cluster.sasl.mechanism", "PLAIN"),
            ("target.cluster.sasl.jaas.config", $"org.apache.kafka.common.security.plain.PlainLoginModule required username=\"bob\" password=\"${{file:{_folder}/secrets.properties:target.password}}\";"),
            ("source.cluster.client.id", $"${{dir:{_folder}:client.id}}"));

        var result = ConnectorConfigTranslator.Validate(config, worker);

        result.Errors.Should().BeEmpty();
        result.Settings!.SourceClients.Common["sasl.password"].Should().Be(Secret);
        result.Settings.TargetClients.Common["sasl.password"].Should().Be("from-the-file");
        result.Settings.SourceClients.Common["client.id"].Should().Be("from-the-folder");
        result.Config["source.cluster.sasl.jaas.config"].Should().Contain($"${{env:{Password}}}").And.NotContain(Secret);
    }

    [Test]
    public void A_value_from_a_provider_that_fails_validation_is_hidden_in_the_error_and_an_unset_variable_is_named()
    {
        var result = ConnectorConfigTranslator.Validate(ConnectorConfigTranslatorTests.Config("MirrorSourceConnector",
            ("source.cluster.security.protocol", $"${{env:{Protocol}}}"), ("target.cluster.client.id", "${env:HARNESS_CONNECT_PROVIDER_TEST_NEVER_SET}")), Worker());

        var messages = result.Errors.SelectMany(e => e.Value.Select(m => $"{e.Key}: {m}")).ToList();
        messages.Should().Contain(m => m.StartsWith("target.cluster.client.id: ", StringComparison.Ordinal) && m.Contains("HARNESS_CONNECT_PROVIDER_TEST_NEVER_SET is not set"));
        string.Join('\n', messages).Should().NotContain(Secret);
    }

    [Test]
    public void Without_declared_providers_a_reference_stays_as_written_as_in_Kafka()
    {
        var result = ConnectorConfigTranslator.Validate(ConnectorConfigTranslatorTests.Config("MirrorHeartbeatConnector",
            ("source.cluster.client.id", $"${{env:{Password}}}")), new ConnectWorkerConfig { BootstrapServers = "127.0.0.1:9" });

        result.Errors.Should().BeEmpty();
        result.Settings!.SourceClients.Common["client.id"].Should().Be($"${{env:{Password}}}");
    }

    private static ConnectWorkerConfig Worker() =>
        ConnectWorkerConfigReader.Read(Properties([.. Providers, "bootstrap.servers=127.0.0.1:9", "offset.storage.replication.factor=1"]), null, []);

    private static Dictionary<string, (string Value, int Line)> Properties(string[] lines) =>
        lines.Select((line, i) => (Parts: line.Split('=', 2), Line: i + 1)).ToDictionary(p => p.Parts[0], p => (p.Parts[1], p.Line));
}
