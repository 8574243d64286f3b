using Harness.Engine.OffsetTranslation;
using Harness.Engine.Replicators.Builtin;
using Harness.Engine.Scenarios;
using Harness.Mm2.Records;

namespace Harness.Engine.Tests.Orchestration;

/// <summary>The checkpoint wait on a fake clock: it waits for every group partition, then for one unchanged checkpoint interval.</summary>
public sealed class CheckpointWaitTests
{
    private static readonly Dictionary<(string Group, string Topic, int Partition), long> Committed = new() { [("billing", "orders", 0)] = 50 };

    [Test]
    public async Task Returns_once_the_checkpoint_has_stayed_the_same_for_an_interval()
    {
        var time = new SteppedClock();
        var start = time.GetUtcNow();
        var wait = new CheckpointWait(time, () => Task.FromResult(Latest(downstream: (time.GetUtcNow() - start) < TimeSpan.FromSeconds(2) ? 40 : 48)), Replicator(intervalSeconds: "2"));

        var missing = await time.RunAsync(wait.WaitAsync(Committed, TimeSpan.FromMinutes(1), CancellationToken.None), CheckpointWait.PollInterval, TimeSpan.FromMinutes(1));

        missing.Should().Be(0);
        wait.Settle.Should().Be(TimeSpan.FromSeconds(3));
        (time.GetUtcNow() - start).Should().Be(TimeSpan.FromSeconds(5), "the checkpoint moved at 2 s, before it had held for an interval, and then held for 3 s");
    }

    [Test]
    public async Task Counts_the_group_partitions_still_missing_at_the_deadline()
    {
        var time = new SteppedClock();
        var wait = new CheckpointWait(time, () => Task.FromResult(new Dictionary<(string Group, string Topic, int Partition), Checkpoint>()), Replicator(intervalSeconds: null));

        var missing = await time.RunAsync(wait.WaitAsync(Committed, TimeSpan.FromSeconds(20), CancellationToken.None), CheckpointWait.PollInterval, TimeSpan.FromSeconds(30));

        missing.Should().Be(1);
        wait.Settle.Should().Be(TimeSpan.FromSeconds(6), "the harness's default interval is 5 s");
    }

    [Test]
    public async Task A_checkpoint_for_another_offset_does_not_count()
    {
        var time = new SteppedClock();
        var wait = new CheckpointWait(time, () => Task.FromResult(Latest(downstream: 48, upstream: 49)), Replicator(intervalSeconds: null));

        var missing = await time.RunAsync(wait.WaitAsync(Committed, TimeSpan.FromSeconds(10), CancellationToken.None), CheckpointWait.PollInterval, TimeSpan.FromSeconds(20));

        missing.Should().Be(1);
    }

    private static ReplicatorSpec Replicator(string? intervalSeconds) => new()
    {
        Kind = "builtin",
        Settings = new BuiltinReplicatorSettings(),
        Properties = intervalSeconds is null ? new Dictionary<string, string>() : new Dictionary<string, string> { ["emit.checkpoints.interval.seconds"] = intervalSeconds },
    };

    private static Dictionary<(string Group, string Topic, int Partition), Checkpoint> Latest(long downstream, long upstream = 50) => new()
    {
        [("billing", "source.orders", 0)] = new Checkpoint("billing", "source.orders", 0, upstream, downstream, ""),
    };
}
