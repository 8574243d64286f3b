using Confluent.Kafka.Admin;

namespace Harness.Engine.Orchestration;

/// <summary>Creates the scenario's topics on the source, and on the target too for a replicator that does not create them.</summary>
internal sealed class PrepareTopicsPhase : IRunPhase
{
    public string Name => "prepare topics";

    public bool AppliesTo(RunContext run) => true;

    public async Task RunAsync(RunContext run, CancellationToken cancellation)
    {
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
