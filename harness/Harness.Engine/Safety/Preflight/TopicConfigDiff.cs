using System.Globalization;
using Harness.Reports.Model;

namespace Harness.Engine.Safety.Preflight;

/// <summary>
/// The settings that differ between a source topic and its target topic when both exist before the run: partitions,
/// replication factor and the topic configs a migration cares about, each with what MirrorMaker 2 does about it.
/// </summary>
public static class TopicConfigDiff
{
    /// <summary>The configs compared, in report order.</summary>
    public static IReadOnlyList<string> Configs { get; } =
    [
        "min.insync.replicas", "cleanup.policy", "retention.ms", "retention.bytes", "max.message.bytes", "compression.type",
        "message.timestamp.type", "unclean.leader.election.enable",
    ];

    /// <summary>The differences of each pair whose topics both exist.</summary>
    public static IReadOnlyList<PreflightTopicDifference> Compare(
        IEnumerable<(string Source, string Target)> pairs, ClusterSnapshot source, ClusterSnapshot target, Mm2ConfigSync sync)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(sync);
        var differences = new List<PreflightTopicDifference>();
        foreach (var (sourceName, targetName) in pairs)
        {
            if (!source.Topics.TryGetValue(sourceName, out var from) || !target.Topics.TryGetValue(targetName, out var to) || !from.Exists || !to.Exists)
            {
                continue;
            }

            void Add(string setting, string? a, string? b)
            {
                if (!string.Equals(a, b, StringComparison.Ordinal))
                {
                    differences.Add(new PreflightTopicDifference
                    {
                        SourceTopic = sourceName, TargetTopic = targetName, Setting = setting, SourceValue = a, TargetValue = b, Mm2 = sync.Note(setting, a, b),
                    });
                }
            }

            Add("partitions", from.Partitions.ToString(CultureInfo.InvariantCulture), to.Partitions.ToString(CultureInfo.InvariantCulture));
            Add("replication.factor", from.ReplicationFactor.ToString(CultureInfo.InvariantCulture), to.ReplicationFactor.ToString(CultureInfo.InvariantCulture));
            if (from.Configs is null || to.Configs is null)
            {
                continue;
            }

            foreach (var config in Configs)
            {
                Add(config, from.Configs.GetValueOrDefault(config), to.Configs.GetValueOrDefault(config));
            }
        }

        return differences;
    }
}
