using Harness.Engine;
using Harness.Engine.Load.Model;
using Harness.Engine.Scenarios;

namespace Harness.Bench.Support;

/// <summary>
/// The scenario the benchmarks drive the harness's load generator with: one topic, an open model asking far more
/// than any client sends (so it sends as fast as it can), fixed-size values, no keys, acks=all, idempotent,
/// linger.ms=5; every record stamped and acknowledged into the ledger as in a rehearsal.
/// </summary>
public static class MaxRateScenario
{
    private const double Unreachable = 10_000_000;

    // Clusters and replicator as a scenario file that names neither gets them: the registry's defaults.
    public static Scenario For(string name, string topic, int partitions, long records, int valueBytes, int producers) => ScenarioLoader.Parse(
        $"name: {name}\ntopics: [{{name: {topic}, partitions: {partitions}, rate: 1, records: 1}}]\n", "max-rate scenario") with
    {
        Seed = 1,
        Topics =
        [
            new TopicSpec
            {
                Name = topic,
                Partitions = partitions,
                Rate = new OpenLoadModel(new ConstantRate(Unreachable)),
                Records = records,
                Size = new FixedSize(valueBytes),
                Keys = NoKeys.Instance,
                Producers = producers,
                Producer = new ProducerSettings { LingerMs = 5 },
            },
        ],
    };
}
