using Harness.Broker.Storage;
using Harness.Engine.Clusters.Embedded;
using Harness.Engine.Scenarios;

namespace Harness.Engine.Tests.Scenarios;

/// <summary>The <c>storage</c> key of an embedded cluster: memory or disk reaches the cluster's settings; anything else is refused.</summary>
public sealed class EmbeddedStorageKeyTests
{
    [Test]
    public void Storage_disk_reaches_the_settings_and_an_absent_key_leaves_the_broker_default()
    {
        var scenario = ScenarioText.Load($"""
            name: x
            clusters:
              source:
                brokers: 1
                storage: disk
            {ScenarioText.MinimalTopics}
            """);

        scenario.Clusters.Source.Should().Be(new ClusterSpec("embedded", new EmbeddedClusterSettings(1, StorageKind.Disk)));
        scenario.Clusters.Target.Should().Be(new ClusterSpec("embedded", new EmbeddedClusterSettings(EmbeddedClusterSettings.DefaultBrokers)));
    }

    [Test]
    public void A_storage_other_than_memory_or_disk_is_refused_with_the_choices()
    {
        var error = ScenarioText.Error($"""
            name: x
            clusters:
              target:
                storage: tape
            {ScenarioText.MinimalTopics}
            """);

        error.Should().Contain("clusters.target.storage").And.Contain("one of memory, disk");
    }
}
