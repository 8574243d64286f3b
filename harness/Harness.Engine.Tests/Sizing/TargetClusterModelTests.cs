using Harness.Engine.Sizing;

namespace Harness.Engine.Tests.Sizing;

public sealed class TargetClusterModelTests
{
    private static readonly InstanceTable Table = InstanceTableReader.Parse(
        """
        name: hand
        zones: 3
        instances:
          - {name: small, vcpu: 2, maxPartitions: {value: 20, source: test}, storageThroughputMiBps: 4, maxStorageGiB: 1000}
          - {name: big, vcpu: 8, maxPartitions: 100, storageThroughputMiBps: 4, maxStorageGiB: 2000}
        """,
        "table.yaml");

    private static readonly SizingSpec Spec = new()
    {
        ReplicationFactor = 3,
        StorageOverhead = 0.2,
        BackfillBytes = 1_000_000_000_000,
        CutoverWindow = TimeSpan.FromDays(14),
    };

    [Test]
    public void Traffic_storage_and_partitions_follow_the_formulas()
    {
        var cluster = TargetClusterModel.Size(SizingProfiles.Shape(Spec), Spec, Table);

        cluster.IngressMegabytesPerSecond.Should().Be(2.6);                // 2.0 + 0.6 MB/s
        cluster.EgressMegabytesPerSecond.Should().Be(3.2);                 // 1.5 x 1 + 0.5 x 1 + 0.6 x 2
        cluster.ReplicationMegabytesPerSecond.Should().Be(5.2);            // 2.6 x (3 - 1)
        cluster.RetainedGigabytes.Should().Be(535.68);                     // 2.0 MB/s x 86,400 s + 0.6 MB/s x 604,800 s
        cluster.StorageGigabytes.Should().Be(5528.448);                    // (535.68 + 1,000) x 3 x 1.2
        cluster.CutoverStorageGigabytes.Should().Be(14921.856);            // (1,000 + 2.6 MB/s x 1,209,600 s) x 3 x 1.2
        cluster.Partitions.Should().Be(21);
        cluster.PartitionReplicas.Should().Be(63);
    }

    [Test]
    public void Broker_counts_take_the_tightest_limit_in_whole_zones_and_the_fewest_vcpus_win()
    {
        var cluster = TargetClusterModel.Size(SizingProfiles.Shape(Spec), Spec, Table);

        // small: partitions ceil(63 / 20) = 4, throughput ceil(7.44 / 4) = 2, storage ceil(5,148.7 GiB / 1,000) = 6 -> 6.
        var small = cluster.Options.Single(o => o.Instance == "small");
        small.Brokers.Should().Be(6);
        small.LimitedBy.Should().Be("storage per broker");
        small.PartitionsPerBroker.Should().Be(10.5);
        small.StoragePerBrokerGigabytes.Should().Be(921.408);

        // big: partitions 1, throughput 2, storage ceil(2.57) = 3, replication factor 3 -> 3.
        cluster.Options.Single(o => o.Instance == "big").Brokers.Should().Be(3);

        // 6 x 2 vCPUs beats 3 x 8.
        cluster.Recommended.Should().Be("small");
    }

    [Test]
    public void A_count_is_rounded_up_to_a_multiple_of_the_zones()
    {
        var type = new InstanceType { Name = "t", MaxPartitions = new InstanceFigure(10, "test") };

        TargetClusterModel.Option(type, zones: 3, replicationFactor: 2, replicas: 41, ingressBytesPerSecond: 0, storageBytes: 0).Brokers.Should().Be(6);
        TargetClusterModel.Option(type, zones: 1, replicationFactor: 2, replicas: 41, ingressBytesPerSecond: 0, storageBytes: 0).Brokers.Should().Be(5);
    }

    [Test]
    public void Cut_over_storage_beyond_what_is_provisioned_is_a_risk_that_names_the_cool_down()
    {
        var shape = SizingProfiles.Shape(Spec);
        var cluster = TargetClusterModel.Size(shape, Spec, Table);

        var risks = SizingNotes.Risks(Spec, Table, [], cluster, SizingProfiles.Scenario);
        risks.Should().ContainMatch("Backfill plus growth over the 14-day cut-over window needs 14,921.9 GB, more than the 5,528.4 GB provisioned*cool-down*");

        var generous = Spec with { ProvisionedStoragePerBrokerBytes = 3_000_000_000_000 }; // 6 x 3 TB = 18,000 GB
        SizingNotes.Risks(generous, Table, [], cluster, SizingProfiles.Scenario).Should().NotContainMatch("Backfill plus growth*");
    }
}
