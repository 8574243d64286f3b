using Harness.Replicator.Configuration;
using Harness.Testing;

namespace Harness.Replicator.Tests.Configuration;

public sealed class ConfigProvidersTests
{
    // Each test its own variable: the tests of this assembly run in parallel, and the environment is the process's.
    private const string Variable = "HARNESS_REPLICATOR_TEST_PASSWORD";
    private const string Unset = "HARNESS_REPLICATOR_TEST_NEVER_SET";

    private static readonly string[] Base =
    [
        "clusters = primary, backup",
        "primary.bootstrap.servers = p1:9092",
        "backup.bootstrap.servers = b1:9092",
        "primary->backup.enabled = true",
        "config.providers = env,dir",
        "config.providers.env.class = org.apache.kafka.common.config.provider.EnvVarConfigProvider",
        "config.providers.dir.class = org.apache.kafka.common.config.provider.DirectoryConfigProvider",
    ];

    [TearDown]
    public void Clear() => Environment.SetEnvironmentVariable(Variable, null);

    [Test]
    public void Secrets_named_by_env_and_dir_references_reach_the_clients_resolved()
    {
        Environment.SetEnvironmentVariable(Variable, "from-env");
        using var secrets = TempFolder.Create("harness-dir-provider-");
        var folder = secrets.FullName;
        File.WriteAllText(Path.Combine(folder, "key.pem"), "KEY");

        var settings = Read(
            "primary.security.protocol = sasl_ssl",
            "primary.sasl.mechanism = SCRAM-SHA-512",
            "primary.sasl.username = alice",
            $"primary.sasl.password = ${{env:{Variable}}}",
            $"backup.ssl.key.pem = ${{dir:{folder}:key.pem}}");

        settings.SourceClients.Common["sasl.password"].Should().Be("from-env");
        settings.TargetClients.Common["ssl.key.pem"].Should().Be("KEY");
    }

    [Test]
    public void An_unset_variable_names_the_key_and_the_variable()
    {
        var read = () => Read($"primary.sasl.password = ${{env:{Unset}}}");

        read.Should().Throw<ReplicatorConfigException>().WithMessage($"line *: primary.sasl.password: environment variable {Unset} is not set");
    }

    [Test]
    public void An_unsupported_provider_class_is_refused_and_an_undeclared_provider_is_left_alone()
    {
        var vault = () => ReplicatorSettingsReader.Read(JavaProperties.Parse(string.Join('\n', [.. Base[..4], "config.providers = vault", "config.providers.vault.class = com.example.Vault"])), null, []);
        vault.Should().Throw<ReplicatorConfigException>().WithMessage("*config provider 'vault' needs config.providers.vault.class*");

        Read("primary.client.id = ${other:x}").SourceClients.Common["client.id"].Should().Be("${other:x}");
    }

    private static ReplicatorSettings Read(params string[] lines) =>
        ReplicatorSettingsReader.Read(JavaProperties.Parse(string.Join('\n', [.. Base, .. lines])), null, []);
}
