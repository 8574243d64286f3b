using System.Diagnostics;
using Harness.Bench.Support;
using Harness.Engine.Load;

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

    public static async Task<(TimeSpan Elapsed, Ledger Ledger)> FillAsync(string bootstrapServers, string topic, BenchOptions options)
    {
        var scenario = MaxRateScenario.For("verifier-bench", topic, options.Partitions, options.Records, options.ValueBytes, producers: 1);
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
