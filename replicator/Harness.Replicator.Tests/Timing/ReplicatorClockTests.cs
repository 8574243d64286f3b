using Harness.Replicator.Tests.Support;
using Harness.Testing;
using Microsoft.Extensions.Time.Testing;

namespace Harness.Replicator.Tests.Timing;

/// <summary>A whole replicator on a fake clock: its commits and heartbeats happen when that clock says, never before.</summary>
[Category("Integration")]
public sealed class ReplicatorClockTests
{
    private static readonly DateTimeOffset Start = FakeClock.Start;
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    [Test]
    public async Task Progress_and_delayed_offset_syncs_are_written_at_the_commit_interval_and_heartbeats_at_theirs()
    {
        await using var clusters = TwoClusters.Start();
        clusters.Source.CreateTopic("t", 2);
        Records.Produce(clusters.Source, "t", 2, 200);
        var time = new FakeTimeProvider(Start);
        // Real-clock intervals this short would have committed and beaten many times while the records are copied.
        await using var running = await RunningReplicator.StartAsync(
            clusters.Properties(("offset.flush.interval.ms", "100"), ("offset.lag.max", "1000000"), ("emit.heartbeats.interval.seconds", "1"), ("emit.checkpoints.enabled", "false")),
            time: time);

        await Eventually.TrueAsync(() => running.Replicator.Metrics.TotalRecords == 200, Timeout, $"the target acknowledged every record\n{running}");
        await Eventually.TrueAsync(() => Mm2Topics.Heartbeats(clusters.Target).Count == 1, Timeout, $"the first heartbeat is written at start\n{running}");
        Mm2Topics.SourceOffsets(clusters.Target).Should().BeEmpty("the replicator's clock has not reached a commit");
        Mm2Topics.OffsetSyncs(clusters.Source).Select(s => s.UpstreamOffset).Should().Equal([0, 0], "only each partition's first sync is due before a commit");

        await FakeClock.AdvanceUntilAsync(time, TimeSpan.FromMilliseconds(100), () => Mm2Topics.Progress(clusters.Target).Count == 2, "the first commit saves progress");
        Mm2Topics.Progress(clusters.Target).Should().BeEquivalentTo(new Dictionary<(string, int), long> { [("t", 0)] = 99, [("t", 1)] = 99 }, "the offset of each partition's last record");
        await FakeClock.WaitAsync(() => Mm2Topics.OffsetSyncs(clusters.Source).Count(s => s.UpstreamOffset == 99) == 2, "the commit writes each partition's delayed sync");

        await FakeClock.AdvanceUntilAsync(time, TimeSpan.FromMilliseconds(900), () => Mm2Topics.Heartbeats(clusters.Target).Count == 2, "a heartbeat a second later");
        Mm2Topics.Heartbeats(clusters.Target).Select(h => DateTimeOffset.FromUnixTimeMilliseconds(h.Timestamp)).Should().Equal(Start, Start.AddSeconds(1));
    }
}
