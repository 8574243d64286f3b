using System.Globalization;
using Harness.Engine.Apps;
using Harness.Engine.OffsetTranslation;

namespace Harness.Engine.Orchestration;

/// <summary>
/// Whether the translated offsets of a moved group that had caught up reach the end of the target (KAFKA-15906: before
/// MirrorMaker 2 3.7.0 a low-volume partition's last records had no offset sync, so a caught-up group was translated
/// to an earlier one and moved consumers read its tail again). Taken once the app's members left the source: for each
/// partition where the group had committed the source's end, the latest checkpoint is compared with where that
/// position lies on the target, once the replicator has copied it, until the two meet or the replicator had a few
/// checkpoint rounds to make them.
/// </summary>
internal sealed class TranslationWatch(RunContext run, AppHost apps, string app)
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(500);
    private const int MaxExamples = 5;

    private Task? _watching;

    public string App { get; } = app;

    /// <summary>Partitions of the group that were caught up on the source when it left and stayed at the end (no record written after).</summary>
    public int CaughtUp { get; private set; }

    /// <summary>Of <see cref="CaughtUp"/>, partitions not settled before the replicator stopped: not judged.</summary>
    public int Unsettled { get; private set; }

    /// <summary>Offsets between the caught-up partitions' latest translations and the end of the target: what a moved consumer reads again.</summary>
    public long Behind { get; private set; }

    public List<string> Examples { get; } = [];

    public void Start(CancellationToken cancellation) => _watching = Task.Run(() => WatchAsync(cancellation), CancellationToken.None);

    public Task Done => _watching ?? Task.CompletedTask;

    /// <summary>
    /// How long translations may take to settle: a sync waits for the replicator's next offset commit, a checkpoint for
    /// the next round; three of each, from the scenario's MM2 properties (MM2's defaults otherwise).
    /// </summary>
    public static TimeSpan SettleWithin(IReadOnlyDictionary<string, string> properties)
    {
        static double Setting(IReadOnlyDictionary<string, string> p, string key, double fallback) =>
            p.TryGetValue(key, out var v) && double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) ? d : fallback;

        var checkpoints = Setting(properties, "emit.checkpoints.interval.seconds", 60);
        var commits = Setting(properties, "offset.flush.interval.ms", 60_000) / 1000;
        return TimeSpan.FromSeconds(Math.Min(120, 2 + (3 * (checkpoints + commits))));
    }

    private async Task WatchAsync(CancellationToken cancellation)
    {
        var group = apps.Groups[App].Settings;
        var sourceTopics = group.SourceTopics.Keys.ToList();
        var committed = await SyncedGroupOffsetReader.ReadAsync(run.SourceEndpoint, group.Spec.Group, TimeSpan.FromSeconds(5)).ConfigureAwait(false);
        using var source = new WatermarkReader(run.SourceEndpoint);
        using var target = new WatermarkReader(run.TargetEndpoint);
        var ends = await source.ReadAsync(sourceTopics.Select(t => (t, apps.Partitions[t])), TimeSpan.FromSeconds(5)).ConfigureAwait(false);
        var caughtUp = ends.Where(e => e.Value > 0 && committed.GetValueOrDefault(e.Key, -1) == e.Value).Select(e => e.Key).ToList();
        CaughtUp = caughtUp.Count;
        if (caughtUp.Count == 0)
        {
            return;
        }

        var deadline = apps.Clock.Elapsed + SettleWithin(run.Scenario.Replicator.Properties);
        var behind = new Dictionary<(string Topic, int Partition), long?>();
        while (true)
        {
            var running = run.Replicator.IsRunning;
            var final = apps.Clock.Elapsed >= deadline;
            behind = await MeasureAsync(group.Spec.Group, caughtUp, committed, source, target, final, cancellation).ConfigureAwait(false);
            CaughtUp = caughtUp.Count;
            if (behind.Values.All(b => b == 0) || final)
            {
                break;
            }

            if (!running)
            {
                // Stopped before its rounds were up (a drain takes it offline as soon as lag is 0): a translation still
                // behind may only lack the offset sync the next commit would have written. Not settled, not judged.
                behind = behind.ToDictionary(b => b.Key, b => b.Value is 0 ? b.Value : null);
                break;
            }

            await Task.Delay(Poll, run.Time, cancellation).ConfigureAwait(false);
        }

        Unsettled = behind.Count(b => b.Value is null);
        Behind = behind.Values.Sum(b => b ?? 0);
        Examples.AddRange(behind.Where(b => b.Value > 0).OrderBy(b => b.Key.Topic, StringComparer.Ordinal).ThenBy(b => b.Key.Partition).Take(MaxExamples)
            .Select(b => string.Create(CultureInfo.InvariantCulture, $"{apps.RemoteOf(b.Key.Topic)}/{b.Key.Partition}: translated {b.Value:N0} behind the end")));
    }

    /// <summary>
    /// Per caught-up partition, how far the latest translation lies before the group's position on the target; null
    /// while either is not there yet. A checkpoint is written only when the translation moves, so once the replicator
    /// has had its rounds (<paramref name="final"/>) a checkpoint of an earlier position is its translation of this one.
    /// </summary>
    private async Task<Dictionary<(string Topic, int Partition), long?>> MeasureAsync(string group, List<(string Topic, int Partition)> caughtUp,
        Dictionary<(string Topic, int Partition), long> committed, WatermarkReader source, WatermarkReader target, bool final, CancellationToken cancellation)
    {
        var checkpoints = await Task.Run(() => CheckpointReader.ReadLatest(run.TargetEndpoint, run.CheckpointsTopic, run.Time, out _), cancellation).ConfigureAwait(false);
        var topics = caughtUp.Select(c => c.Topic).Distinct(StringComparer.Ordinal).ToList();
        var sourceEnds = await source.ReadAsync(topics.Select(t => (t, apps.Partitions[t])), TimeSpan.FromSeconds(5)).ConfigureAwait(false);
        var targetEnds = await target.ReadAsync(topics.Select(t => (apps.RemoteOf(t), apps.Partitions[t])), TimeSpan.FromSeconds(5)).ConfigureAwait(false);
        var result = new Dictionary<(string Topic, int Partition), long?>();
        foreach (var (topic, partition) in caughtUp.ToList())
        {
            var onTarget = apps.Producers.Where(p => p.Topic == topic).Sum(p => p.Produced.OnTarget(partition));
            var position = committed[(topic, partition)];
            if (sourceEnds.TryGetValue((topic, partition), out var grown) && grown != position)
            {
                // Written to since the group left: no longer at the end, and MM2 translates a position inside a busy
                // partition only to within offset.lag.max by design. Not this check's to judge.
                caughtUp.Remove((topic, partition));
                continue;
            }

            if (!checkpoints.TryGetValue((group, apps.RemoteOf(topic), partition), out var checkpoint)
                || (final ? checkpoint.UpstreamOffset > position : checkpoint.UpstreamOffset != position)
                || !sourceEnds.TryGetValue((topic, partition), out var sourceEnd)
                || !targetEnds.TryGetValue((apps.RemoteOf(topic), partition), out var targetEnd)
                || targetEnd - onTarget < sourceEnd)
            {
                // No checkpoint of the group's last position yet, or the replicator still copying: not settled.
                result[(topic, partition)] = null;
                continue;
            }

            // Copied up to the source's end, the group's position on the target is the copied end (records the apps
            // wrote to the target are no copy).
            var expected = targetEnd - onTarget;
            result[(topic, partition)] = Math.Max(0, expected - checkpoint.DownstreamOffset);
        }

        return result;
    }
}
