using Harness.Engine.Clients;
using System.Globalization;
using Confluent.Kafka;
using Harness.Engine.Load;
using Harness.Engine.OffsetTranslation;
using Harness.Engine.Scenarios;
using Harness.Engine.Verification;
using Harness.Mm2.Records;
using Harness.Reports.Model;

namespace Harness.Engine.Switchover;

/// <summary>
/// Rehearses the switchover of every application consumer group after the drain: a real consumer on the target,
/// started at the group's translated offsets, reads to the end, and every record the group had not consumed on the
/// source must be among what it read.
/// </summary>
internal static class SwitchoverRehearsal
{
    /// <summary>The prefix of each rehearsal consumer's own group id; the application group's name follows it.</summary>
    public const string ConsumerGroupPrefix = "harness-switchover-";

    public static async Task<List<SwitchoverResult>> RunAsync(
        Scenario scenario,
        KafkaEndpoint targetBootstrap,
        ulong runId,
        Ledger ledger,
        IReadOnlyDictionary<(string Group, string Topic, int Partition), long> committed,
        IReadOnlyDictionary<(string Group, string Topic, int Partition), Checkpoint> checkpoints,
        IReadOnlyDictionary<(string Topic, int Partition), long> targetEnds,
        TimeSpan timeout,
        Action<string> report,
        TimeProvider time,
        CancellationToken cancellation,
        IReadOnlyDictionary<string, IReadOnlySet<(LedgerKey Stream, long Sequence)>>? latestOfKeys = null)
    {
        var topics = scenario.Topics.Select(t => new VerifiedTopic(t.Name, scenario.Replicator.RemoteTopic(t.Name), t.Partitions, t.Compacted)).ToList();
        var syncGroupOffsets = scenario.Replicator.Properties.TryGetValue("sync.group.offsets.enabled", out var sync)
            && sync.Trim().Equals("true", StringComparison.OrdinalIgnoreCase);
        var results = new List<SwitchoverResult>();
        foreach (var group in committed.Keys.Select(k => k.Group).Distinct().Order(StringComparer.Ordinal))
        {
            cancellation.ThrowIfCancellationRequested();
            var groupCommitted = committed.Where(c => c.Key.Group == group).ToDictionary(c => (c.Key.Topic, c.Key.Partition), c => c.Value);
            var remotePartitions = groupCommitted.Keys.Select(k => (scenario.Replicator.RemoteTopic(k.Topic), k.Partition)).ToList();
            var synced = syncGroupOffsets ? await SyncedOffsetsAsync(targetBootstrap, group, report).ConfigureAwait(false) : [];
            var (source, starts) = SwitchoverPlan.Choose(group, remotePartitions, checkpoints, synced, syncGroupOffsets);
            var tally = new SwitchoverTally(groupCommitted, ledger, latestOfKeys);
            var consumerGroupId = targetBootstrap.GroupPrefix + ConsumerGroupPrefix + group;
            var started = time.GetTimestamp();
            SwitchoverReadOutcome read;
            try
            {
                read = await Task.Run(
                    () => SwitchoverReader.Read(targetBootstrap, consumerGroupId, topics, runId, starts, targetEnds, tally, timeout, time, cancellation),
                    cancellation).ConfigureAwait(false);
            }
            catch (InvalidOperationException e)
            {
                // librdkafka refused the assignment or a query: the group's check fails as unread, the run still reports.
                read = new SwitchoverReadOutcome(0, new Dictionary<(string Topic, int Partition), long>(), [$"not read: {e.Message}"], e.Message);
            }

            var result = SwitchoverEvaluator.Result(group, consumerGroupId, source, starts, read, tally.Partitions(), scenario.Replicator.RemoteTopic, targetEnds);
            results.Add(result);
            report(string.Create(CultureInfo.InvariantCulture,
                $"switchover {group}: read {result.RecordsRead:N0} records in {time.GetElapsedTime(started).TotalSeconds:0.00}s from {SwitchoverEvaluator.Describe(source)}; {result.Missing:N0} missing, {result.ReRead:N0} re-read{(read.Error is null ? "" : $"; last consumer error: {read.Error}")}"));
        }

        return results;
    }

    private static async Task<Dictionary<(string Topic, int Partition), long>> SyncedOffsetsAsync(KafkaEndpoint bootstrap, string group, Action<string> report)
    {
        try
        {
            return await SyncedGroupOffsetReader.ReadAsync(bootstrap, group, TimeSpan.FromSeconds(10)).ConfigureAwait(false);
        }
        catch (KafkaException e)
        {
            // Said out loud, because the rehearsal then starts from the checkpoints instead.
            report($"switchover {group}: cannot read its offsets on the target ({e.Message}); starting from the checkpoints");
            return [];
        }
    }
}
