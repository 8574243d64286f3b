using Harness.Engine.Runs;

namespace Harness.Engine.Replicators.Mm2;

/// <summary>
/// Finds a launch script in a Kafka distribution: under the scenario's <c>kafkaHome</c>, else under <c>KAFKA_HOME</c>,
/// so one scenario runs on every machine that has Kafka somewhere.
/// </summary>
internal static class KafkaDistribution
{
    /// <summary>MirrorMaker 2 in dedicated mode.</summary>
    public const string Script = "bin/connect-mirror-maker.sh";

    /// <summary>A Kafka Connect worker in distributed mode.</summary>
    public const string ConnectScript = "bin/connect-distributed.sh";

    /// <summary>MirrorMaker 2's script's full path.</summary>
    /// <exception cref="HarnessException">Neither folder holds the script (exit 3, one line naming both and the fix).</exception>
    public static string MirrorMakerScript(string? kafkaHome, string? kafkaHomeVariable) => Find(Script, "mm2", kafkaHome, kafkaHomeVariable);

    /// <summary>The full path of <paramref name="script"/> under either folder.</summary>
    /// <exception cref="HarnessException">Neither folder holds the script (exit 3, one line naming both and the fix).</exception>
    public static string Find(string script, string kind, string? kafkaHome, string? kafkaHomeVariable)
    {
        foreach (var home in new[] { kafkaHome, kafkaHomeVariable })
        {
            if (!string.IsNullOrWhiteSpace(home) && Path.GetFullPath(Path.Combine(home, script)) is var path && File.Exists(path))
            {
                return path;
            }
        }

        throw new HarnessException(
            $"kind {kind} runs {script} from a Kafka distribution, and neither replicator.kafkaHome ({Describe(kafkaHome)}) nor KAFKA_HOME ({Describe(kafkaHomeVariable)}) has it; "
            + "set either to the folder of an unpacked Apache Kafka 3.x",
            ExitCodes.Environment);
    }

    private static string Describe(string? home) => string.IsNullOrWhiteSpace(home) ? "not set" : Path.GetFullPath(home);
}
