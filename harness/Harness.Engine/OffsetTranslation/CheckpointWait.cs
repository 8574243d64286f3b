using Harness.Engine.Scenarios;
using Harness.Mm2.Records;

namespace Harness.Engine.OffsetTranslation;

/// <summary>
/// Waits until the replicator has checkpointed every group partition at its committed offset, and then until those
/// checkpoints settle: the first checkpoint for an offset may be translated through an older offset sync than the
/// replicator's last one, and an operator switches over once checkpoints stop moving, not at their first sight.
/// Settled means unchanged for one checkpoint interval (plus a second for the write to land).
/// </summary>
internal sealed class CheckpointWait(
    TimeProvider time,
    Func<Task<Dictionary<(string Group, string Topic, int Partition), Checkpoint>>> readLatest,
    ReplicatorSpec replicator)
{
    public static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(1);

    private readonly Dictionary<(string Group, string Topic, int Partition), TimeSpan> _covered = [];

    /// <summary>
    /// For each group partition, how long after the wait began (right after the groups committed) the first checkpoint
    /// covering its committed offset was read, to within <see cref="PollInterval"/>; absent when none was.
    /// </summary>
    public IReadOnlyDictionary<(string Group, string Topic, int Partition), TimeSpan> CoveredAfter => _covered;

    /// <summary>The checkpoint interval: the scenario's property (capped at 60 s), else the harness's default of 5 s.</summary>
    public TimeSpan Settle =>
        TimeSpan.FromSeconds((replicator.Properties.TryGetValue("emit.checkpoints.interval.seconds", out var text)
            && double.TryParse(text, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var seconds) && seconds > 0
            ? Math.Min(seconds, 60)
            : 5) + 1);

    /// <summary>Waits up to <paramref name="within"/>; returns how many group partitions still lack a checkpoint at their committed offset.</summary>
    public async Task<int> WaitAsync(IReadOnlyDictionary<(string Group, string Topic, int Partition), long> committed, TimeSpan within, CancellationToken cancellation)
    {
        var start = time.GetTimestamp();
        var missing = committed.Count;
        Dictionary<(string Group, string Topic, int Partition), long>? last = null;
        var unchangedSince = TimeSpan.Zero;
        while (time.GetElapsedTime(start) < within)
        {
            var latest = await readLatest().ConfigureAwait(false);
            var translated = new Dictionary<(string Group, string Topic, int Partition), long>();
            foreach (var ((group, source, partition), offset) in committed)
            {
                var found = latest.TryGetValue((group, replicator.RemoteTopic(source), partition), out var checkpoint);
                if (found && checkpoint!.UpstreamOffset >= offset)
                {
                    _covered.TryAdd((group, source, partition), time.GetElapsedTime(start));
                }

                if (found && checkpoint!.UpstreamOffset == offset)
                {
                    translated[(group, source, partition)] = checkpoint.DownstreamOffset;
                }
            }

            missing = committed.Count - translated.Count;
            if (missing == 0)
            {
                var elapsed = time.GetElapsedTime(start);
                if (last is null || !last.OrderBy(e => e.Key).SequenceEqual(translated.OrderBy(e => e.Key)))
                {
                    last = translated;
                    unchangedSince = elapsed;
                }
                else if (elapsed - unchangedSince >= Settle)
                {
                    return 0;
                }
            }

            await Task.Delay(PollInterval, time, cancellation).ConfigureAwait(false);
        }

        return missing;
    }
}
