using Harness.Engine.Tests.Replicators;
using Harness.Testing;

namespace Harness.Engine.Tests.Security;

/// <summary>The ready scenario <c>secure.yaml</c>: SASL_SSL with SCRAM-SHA-512 on both embedded clusters, a broker kill.</summary>
[Category("Integration")]
public sealed class SecureScenarioTests
{
    [Test]
    public async Task The_secure_scenario_passes_with_every_client_on_SASL_SSL()
    {
        var scenario = ScenarioLoader.LoadFile(Path.Combine(RepositoryRoot.Path, "scenarios", "secure.yaml"));
        scenario.Clusters.Source.Security.Protocol.Should().Be(Confluent.Kafka.SecurityProtocol.SaslSsl);

        using var folder = TempFolder.Create("harness-secure-");
        var outcome = await StandInRehearsals.RunAsync(HarnessRegistry.Default, scenario, folder);

        StandInRehearsals.ShouldPass(outcome, folder);
        outcome.Result.Faults.Should().Contain(f => f.Kind == "killBroker");
        var properties = await File.ReadAllTextAsync(Path.Combine(outcome.RunDirectory, "mm2.properties"));
        properties.Should().Contain("source.security.protocol = sasl_ssl").And.Contain("source.sasl.mechanism = SCRAM-SHA-512")
            .And.Contain("${env:HARNESS_SECRET_SOURCE_PASSWORD}").And.NotContain("source-only-secret");
    }

    [Test]
    public async Task The_generated_CAs_are_in_the_run_folder_named_by_the_results_and_used_by_the_replicator_without_any_private_key()
    {
        var scenario = ScenarioLoader.Parse("""
            name: secure-ca-files
            clusters:
              source: {brokers: 1, security: {protocol: SASL_SSL, mechanism: SCRAM-SHA-512, username: rehearsal, password: s3cret-source}}
              target: {brokers: 1, security: {protocol: SSL}}
            topics:
              - {name: orders, partitions: 1, rate: 500, records: 300}
            replicator: {kind: builtin, policy: identity}
            expect: {lost: 0, drainWithin: 30s}
            """, "secure-ca-files.yaml");

        using var folder = TempFolder.Create("harness-secure-ca-");
        var outcome = await StandInRehearsals.RunAsync(HarnessRegistry.Default, scenario, folder);

        StandInRehearsals.ShouldPass(outcome, folder);
        var runFolder = Path.GetFullPath(outcome.RunDirectory);
        outcome.Result.Environment.SourceCaFile.Should().Be(Path.Combine(runFolder, "source-ca.pem"));
        outcome.Result.Environment.TargetCaFile.Should().Be(Path.Combine(runFolder, "target-ca.pem"));
        foreach (var file in new[] { "source-ca.pem", "target-ca.pem", "source-broker.pem", "target-broker.pem" })
        {
            (await File.ReadAllTextAsync(Path.Combine(runFolder, file))).Should().StartWith("-----BEGIN CERTIFICATE-----", file);
        }

        foreach (var file in Directory.GetFiles(runFolder, "*", SearchOption.AllDirectories))
        {
            (await File.ReadAllTextAsync(file)).Should().NotContain("PRIVATE KEY", $"{file} must hold no key");
        }

        var properties = await File.ReadAllTextAsync(Path.Combine(runFolder, "mm2.properties"));
        properties.Should().Contain($"source.ssl.ca.location = {Path.Combine(runFolder, "source-ca.pem")}")
            .And.Contain($"target.ssl.ca.location = {Path.Combine(runFolder, "target-ca.pem")}");
    }
}
