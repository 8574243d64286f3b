using Harness.Engine.Scenarios;

namespace Harness.Engine.Safety.Preflight;

/// <summary>
/// The APIs the harness's clients and MirrorMaker 2 use on each side of a run. The minimum versions are those of the
/// record format and features the run relies on (record batches v2 with headers from Produce v3 and Fetch v4,
/// transaction coordinators from FindCoordinator v1), not the newest a client would pick.
/// </summary>
public static class ApiNeeds
{
    /// <summary>What the <paramref name="role"/> cluster must serve for <paramref name="scenario"/>.</summary>
    public static IReadOnlyList<ApiNeed> For(Scenario scenario, string role)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        var source = role == "source";
        var spec = source ? scenario.Clusters.Source : scenario.Clusters.Target;
        var replicator = scenario.Replicator;
        var transactional = scenario.Topics.Any(t => t.Producer.Transactional);
        var needs = new List<ApiNeed>
        {
            new(18, "ApiVersions", 0, "every client, first request of a connection"),
            new(3, "Metadata", 1, "every client: brokers, leaders, topics"),
            new(0, "Produce", 3, source ? "the load (record batches v2 with headers)" : "the replicator's producer (record batches v2 with headers)"),
            new(1, "Fetch", 4, source ? "the replicator's consumer (record batches v2, read_committed)" : "the verifier (record batches v2, read_committed)"),
            new(2, "ListOffsets", 1, "partition ends for lag and verification"),
            new(10, "FindCoordinator", (short)(transactional ? 1 : 0), transactional ? "group and transaction coordinators" : "group coordinators"),
            new(8, "OffsetCommit", 2, source ? "consumer group progress; the replicator's offset syncs" : "the replicator's group offset sync; switchover"),
            new(9, "OffsetFetch", 1, "committed group offsets"),
            new(11, "JoinGroup", 0, "consumer groups (apps, switchover)"),
            new(14, "SyncGroup", 0, "consumer groups (apps, switchover)"),
            new(12, "Heartbeat", 0, "consumer groups (apps, switchover)"),
            new(13, "LeaveGroup", 0, "consumer groups (apps, switchover)"),
            new(15, "DescribeGroups", 0, "MirrorMaker 2's checkpoint connector and the harness's group checks"),
            new(16, "ListGroups", 0, "MirrorMaker 2's checkpoint connector lists groups"),
            new(19, "CreateTopics", 0, source ? "the run's topics and MirrorMaker 2's offset-syncs topic" : "target topics, checkpoints, heartbeats"),
            new(22, "InitProducerId", 0, "idempotent producers (the load, the replicator)"),
            new(32, "DescribeConfigs", 0, source ? "MirrorMaker 2 reads topic configs to sync them" : "pre-flight and MirrorMaker 2's config sync"),
            new(23, "OffsetForLeaderEpoch", 2, "consumers detect log truncation after a leader change", Optional: true),
            new(60, "DescribeCluster", 0, "pre-flight: the principal's operations on the cluster", Optional: true),
        };
        if (spec.Security.UsesSasl)
        {
            needs.Add(new(17, "SaslHandshake", 1, "SASL authentication"));
            needs.Add(new(36, "SaslAuthenticate", 0, "SASL authentication"));
        }

        if (transactional)
        {
            needs.Add(new(24, "AddPartitionsToTxn", 0, "transactional producers"));
            needs.Add(new(25, "AddOffsetsToTxn", 0, "transactional producers"));
            needs.Add(new(26, "EndTxn", 0, "transactional producers"));
            needs.Add(new(28, "TxnOffsetCommit", 0, "transactional producers"));
        }

        if (!replicator.Disabled("sync.topic.acls.enabled"))
        {
            needs.Add(source
                ? new(29, "DescribeAcls", 0, "MirrorMaker 2's topic ACL sync reads them (SECURITY_DISABLED is fine)", Optional: true)
                : new(30, "CreateAcls", 0, "MirrorMaker 2's topic ACL sync writes them", Optional: true));
        }

        if (!source)
        {
            needs.Add(new(37, "CreatePartitions", 0, "MirrorMaker 2 grows target topics to the source's partition count"));
            if (!replicator.Disabled("sync.topic.configs.enabled"))
            {
                needs.Add(new(44, "IncrementalAlterConfigs", 0, "MirrorMaker 2 3.5+ syncs topic configs (falls back to AlterConfigs)", Optional: true));
                needs.Add(new(33, "AlterConfigs", 0, "MirrorMaker 2 before 3.5 syncs topic configs", Optional: true));
            }
        }

        if (!spec.Capabilities.StartedByHarness && spec.Cleanup != CleanupPolicy.Never)
        {
            needs.Add(new(20, "DeleteTopics", 0, "cleanup of the run's topics"));
            needs.Add(new(42, "DeleteGroups", 0, "cleanup of the run's groups"));
        }

        return [.. needs.OrderBy(n => n.Key)];
    }
}
