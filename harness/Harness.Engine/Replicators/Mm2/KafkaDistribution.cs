using Harness.Engine.Runs;

namespace Harness.Engine.Replicators.Mm2;

/// <summary>
/// Finds MirrorMaker 2's launch script in a Kafka distribution: under the scenario's <c>kafkaHome</c>, else under
/// <c>KAFKA_HOME</c>, so one scenario runs on every machine that has Kafka somewhere.
/// </summary>
internal static class KafkaDistribution
{
    public const string Script = "bin/connect-mirror-maker.sh";

    /// <summary>The script's full path.</summary>
    /// <exception cref="HarnessException">Neither folder holds the script (exit 3, one line naming both and the fix).</exception>
    public static string MirrorMakerScript(string? kafkaHome, string? kafkaHomeVariable)
    {
        foreach (var home in new[] { kafkaHome, kafkaHomeVariable })
        {
            if (!string.IsNullOrWhiteSpace(home) && Path.GetFullPath(Path.Combine(home, Script)) is var script && File.Exists(script))
            {
                return script;
            }
        }

        throw new HarnessException(
            $"kind mm2 runs {Script} from a Kafka distribution, and neither replicator.kafkaHome ({Describe(kafkaHome)}) nor KAFKA_HOME ({Describe(kafkaHomeVariable)}) has it; "
            + "set either to the folder of an unpacked Apache Kafka 3.x",
            ExitCodes.Environment);
    }

    private static string Describe(string? home) => string.IsNullOrWhiteSpace(home) ? "not set" : Path.GetFullPath(home);
}
