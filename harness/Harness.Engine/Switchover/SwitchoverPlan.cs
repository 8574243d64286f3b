using Harness.Mm2.Records;
using Harness.Reports.Model;

namespace Harness.Engine.Switchover;

/// <summary>
/// Chooses where a switched-over consumer of a group starts on each remote partition, as the application would after
/// a migration: from the group's own offsets on the target when the replicator syncs them there and the group exists
/// there (the consumer just joins its group); otherwise from the latest MM2 checkpoints (the offsets an operator
/// translates and seeks to). A partition with neither starts where <c>auto.offset.reset=earliest</c> puts it.
/// </summary>
internal static class SwitchoverPlan
{
    public static (SwitchoverStartSource Source, Dictionary<(string Topic, int Partition), SwitchoverStart> Starts) Choose(
        string group,
        IEnumerable<(string Topic, int Partition)> remotePartitions,
        IReadOnlyDictionary<(string Group, string Topic, int Partition), Checkpoint> checkpoints,
        IReadOnlyDictionary<(string Topic, int Partition), long> syncedOffsets,
        bool syncGroupOffsets)
    {
        var synced = syncGroupOffsets && syncedOffsets.Count > 0;
        var source = synced ? SwitchoverStartSource.SyncedGroupOffset : SwitchoverStartSource.Checkpoint;
        var starts = new Dictionary<(string Topic, int Partition), SwitchoverStart>();
        foreach (var partition in remotePartitions)
        {
            long? offset = synced
                ? syncedOffsets.TryGetValue(partition, out var committed) ? committed : null
                : checkpoints.TryGetValue((group, partition.Topic, partition.Partition), out var checkpoint) ? checkpoint.DownstreamOffset : null;
            starts[partition] = offset is { } start ? new SwitchoverStart(start, source) : new SwitchoverStart(null, SwitchoverStartSource.Earliest);
        }

        return (starts.Values.All(s => s.Source == SwitchoverStartSource.Earliest) ? SwitchoverStartSource.Earliest : source, starts);
    }
}
