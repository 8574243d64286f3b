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

        var outcome = await StandInRehearsals.RunAsync(HarnessRegistry.Default, scenario, "harness-secure-");

        StandInRehearsals.ShouldPass(outcome);
        outcome.Result.Faults.Should().Contain(f => f.Kind == "killBroker");
        var properties = await File.ReadAllTextAsync(Path.Combine(outcome.RunDirectory, "mm2.properties"));
        properties.Should().Contain("source.security.protocol = sasl_ssl").And.Contain("source.sasl.mechanism = SCRAM-SHA-512")
            .And.Contain("${env:HARNESS_SECRET_SOURCE_PASSWORD}").And.NotContain("source-only-secret");
    }
}
