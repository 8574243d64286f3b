using System.Diagnostics;
using Harness.Engine.Load;
using Harness.Engine.Load.Model;
using Harness.Engine.Scenarios;

namespace Harness.Verifier.Bench;

/// <summary>
/// Fills the topic with the harness's own load generator, as fast as it goes: every record stamped and every
/// acknowledgement in the ledger exactly as in a rehearsal. With an identity replication policy the verifier's
/// "target" topic is this topic itself.
/// </summary>
internal static class TopicFiller
{
    /// <summary>The run id in every stamp; the verifier counts a stamp of another run as unexpected.</summary>
    public const ulong RunId = 0x5eed_0000_0000_0001;

    private const double Unreachable = 10_000_000;

    public static async Task<(TimeSpan Elapsed, Ledger Ledger)> FillAsync(string bootstrapServers, string topic, BenchOptions options)
    {
        var scenario = new Scenario
        {
            Name = "verifier-bench",
            Seed = 1,
            Topics =
            [
                new TopicSpec
                {
                    Name = topic,
                    Partitions = options.Partitions,
                    Rate = new OpenLoadModel(new ConstantRate(Unreachable)),
                    Records = options.Records,
                    Size = new FixedSize(options.ValueBytes),
                    Keys = NoKeys.Instance,
                    Producers = 1,
                    Producer = new ProducerSettings { LingerMs = 5 },
                },
            ],
        };
        var generator = new LoadGenerator(scenario, bootstrapServers, RunId);
        var clock = Stopwatch.StartNew();
        await generator.RunAsync(CancellationToken.None);
        if (generator.Ledger.TotalAcknowledged != options.Records)
        {
            throw new InvalidOperationException($"the generator's ledger holds {generator.Ledger.TotalAcknowledged} records, not {options.Records}");
        }

        return (clock.Elapsed, generator.Ledger);
    }
}
