using Confluent.Kafka;
using Harness.Engine.Clients;
using Harness.Engine.Scenarios;

namespace Harness.Engine.Orchestration;

/// <summary>
/// Puts the scenario's application consumer groups at their partial progress on the source: each group
/// consumes its topics up to the fraction asked and commits, as a real application would have.
/// </summary>
internal static class ConsumerGroupSeeder
{
    public static async Task<IReadOnlyDictionary<(string Group, string Topic, int Partition), long>> SeedAsync(
        KafkaEndpoint bootstrap, IReadOnlyList<ConsumerSpec> consumers, IReadOnlyDictionary<string, int> partitions, Dictionary<(string Topic, int Partition), long> ends, CancellationToken cancellation)
    {
        var committed = new Dictionary<(string, string, int), long>();
        foreach (var spec in consumers)
        {
            using var consumer = new ConsumerBuilder<Ignore, Ignore>(bootstrap.Configure(new ConsumerConfig
            {
                GroupId = spec.Group,
                EnableAutoCommit = false,
                ClientId = $"harness-app-{spec.Group}",
            })).SetLogHandler(ClientLog.Current.Write).SetErrorHandler(ClientLog.Current.Error).Build();
            var offsets = new List<TopicPartitionOffset>();
            foreach (var topic in spec.Topics)
            {
                for (var p = 0; p < partitions[topic]; p++)
                {
                    var end = ends.GetValueOrDefault((topic, p));
                    var position = (long)Math.Floor(end * spec.Progress);
                    offsets.Add(new TopicPartitionOffset(topic, p, position));
                    committed[(spec.Group, topic, p)] = position;
                }
            }

            await Task.Run(() => consumer.Commit(offsets), cancellation).ConfigureAwait(false);
            consumer.Close();
        }

        return committed;
    }
}
