using Harness.Engine.Safety;
using Confluent.Kafka.Admin;

namespace Harness.Engine.Orchestration;

/// <summary>Creates the scenario's topics on the source, and on the target too for a replicator that does not create them.</summary>
internal sealed class PrepareTopicsPhase : IRunPhase
{
    public string Name => "prepare topics";

    public bool AppliesTo(RunContext run) => true;

    public async Task RunAsync(RunContext run, CancellationToken cancellation)
    {
        // On a cluster the harness did not start, look before writing: an existing topic is refused, and what was
        // there is what the cleanup must never touch.
        var clusters = run.Scenario.Clusters;
        foreach (var (role, spec, endpoint, written) in new[]
        {
            ("source", clusters.Source, run.SourceEndpoint, run.Topics.Select(t => t.Source)),
            ("target", clusters.Target, run.TargetEndpoint, run.Topics.Select(t => t.Target)),
        })
        {
            if (!spec.Capabilities.StartedByHarness)
            {
                var inventory = run.Inventories[role] = await ClusterInventory.ReadAsync(endpoint, role).ConfigureAwait(false);
                ExistingTopicGuard.Check(inventory, written, role, spec.AllowExistingTopics);
            }
        }

        await TopicPreparer.CreateAsync(run.SourceEndpoint, run.Scenario.Topics.Select(t => new TopicSpecification
        {
            Name = t.Name,
            NumPartitions = t.Partitions,
            ReplicationFactor = 3,
            Configs = t.Configs.ToDictionary(),
        }), "source").ConfigureAwait(false);
        if (!run.Scenario.Replicator.Capabilities.CreatesTargetTopics)
        {
            // Such a replicator finds its target topics ready, with the source partition counts.
            await TopicPreparer.CreateAsync(run.TargetEndpoint, run.Topics.Select(t => new TopicSpecification
            {
                Name = t.Target,
                NumPartitions = t.Partitions,
                ReplicationFactor = 3,
            }), "target").ConfigureAwait(false);
        }
    }
}
