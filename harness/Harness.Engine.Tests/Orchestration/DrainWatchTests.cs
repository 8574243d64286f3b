using Harness.Engine.Orchestration;

namespace Harness.Engine.Tests.Orchestration;

/// <summary>The drain's ending rules, on a fake clock: caught up, deadline, stall and a replicator that exited.</summary>
public sealed class DrainWatchTests
{
    private static readonly Dictionary<string, string> Remote = new(StringComparer.Ordinal) { ["orders"] = "source.orders" };

    [Test]
    public async Task Ends_caught_up_when_every_target_partition_reaches_its_source_end()
    {
        var time = new SteppedClock();
        var start = time.GetUtcNow();
        var watch = new DrainWatch(time, () => Task.FromResult(Marks(100, Math.Min(100, (long)(time.GetUtcNow() - start).TotalSeconds * 10))), () => null, Remote);

        var outcome = await time.RunAsync(watch.WaitAsync(TimeSpan.FromSeconds(60), CancellationToken.None), DrainWatch.PollInterval, TimeSpan.FromSeconds(60));

        outcome.Drained.Should().BeTrue();
        outcome.Reason.Should().Be("caught up");
        outcome.Elapsed.Should().BeCloseTo(TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(1));
    }

    [Test]
    public async Task Gives_up_at_the_deadline_while_lag_still_falls()
    {
        var time = new SteppedClock();
        var start = time.GetUtcNow();
        var watch = new DrainWatch(time, () => Task.FromResult(Marks(1_000_000, (long)(time.GetUtcNow() - start).TotalSeconds)), () => null, Remote);

        var outcome = await time.RunAsync(watch.WaitAsync(TimeSpan.FromSeconds(30), CancellationToken.None), DrainWatch.PollInterval, TimeSpan.FromSeconds(40));

        outcome.Drained.Should().BeFalse();
        outcome.Reason.Should().Be("deadline of 30s reached");
        outcome.Lag.Should().BeInRange(999_960, 999_975);
    }

    [Test]
    public async Task Gives_up_after_the_stall_window_when_lag_stops_falling()
    {
        var time = new SteppedClock();
        var watch = new DrainWatch(time, () => Task.FromResult(Marks(100, 40)), () => null, Remote);

        var outcome = await time.RunAsync(watch.WaitAsync(TimeSpan.FromMinutes(10), CancellationToken.None), DrainWatch.PollInterval, TimeSpan.FromMinutes(1));

        outcome.Reason.Should().Be("no progress for 15s");
        outcome.Lag.Should().Be(60);
        outcome.Elapsed.Should().BeCloseTo(DrainWatch.StallWindow, TimeSpan.FromSeconds(1));
    }

    [Test]
    public async Task Stops_at_once_when_the_replicator_has_exited()
    {
        var time = new SteppedClock();
        var watch = new DrainWatch(time, () => Task.FromResult(Marks(100, 10)), () => 137, Remote);

        var outcome = await watch.WaitAsync(TimeSpan.FromSeconds(60), CancellationToken.None);

        outcome.Reason.Should().Be("the replicator exited with code 137");
        outcome.Elapsed.Should().Be(TimeSpan.Zero);
    }

    [Test]
    public async Task A_target_partition_that_does_not_exist_yet_is_not_caught_up()
    {
        var time = new SteppedClock();
        var watch = new DrainWatch(time, () => Task.FromResult<(Dictionary<(string, int), long>, Dictionary<(string, int), long>)>(
            (new() { [("orders", 0)] = 0 }, [])), () => null, Remote);

        var outcome = await time.RunAsync(watch.WaitAsync(TimeSpan.FromSeconds(5), CancellationToken.None), DrainWatch.PollInterval, TimeSpan.FromSeconds(10));

        outcome.Drained.Should().BeFalse("an empty source partition is only caught up once its target partition exists");
    }

    private static (Dictionary<(string Topic, int Partition), long> Source, Dictionary<(string Topic, int Partition), long> Target) Marks(long source, long target) =>
        (new() { [("orders", 0)] = source }, new() { [("source.orders", 0)] = target });
}
