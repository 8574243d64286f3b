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

    public static Scenario For(string name, string topic, int partitions, long records, int valueBytes, int producers) => new()
    {
        Name = name,
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
