using System.Collections.Concurrent;
using Confluent.Kafka;
using Harness.Replicator.Checkpoints;
using Microsoft.Extensions.Time.Testing;

namespace Harness.Replicator.Tests.Timing;

public sealed class CheckpointRoundsTests
{
    private static readonly DateTimeOffset Start = FakeClock.Start;

    [Test]
    public async Task Checkpoint_and_group_sync_rounds_run_at_their_own_intervals_of_the_injected_clock()
    {
        var time = new FakeTimeProvider(Start);
        var rounds = new ConcurrentQueue<(string Kind, TimeSpan At)>();
        using var stop = new CancellationTokenSource();
        var running = new CheckpointRounds(time, _ => { }).RunAsync(
            TimeSpan.FromSeconds(5),
            _ => Record("checkpoint"),
            TimeSpan.FromSeconds(3),
            _ => Record("sync"),
            stop.Token);

        // One second at a time: each step is waited out, so every round runs at the second it is due.
        var expected = new[] { ("sync", 3), ("checkpoint", 5), ("sync", 6), ("sync", 9), ("checkpoint", 10), ("sync", 12), ("checkpoint", 15), ("sync", 15) };
        for (var second = 1; second <= 15; second++)
        {
            var due = expected.Count(e => e.Item2 <= second);
            await FakeClock.AdvanceUntilAsync(time, TimeSpan.FromSeconds(1), () => rounds.Count >= due, $"{due} rounds ran by second {second}");
        }

        await stop.CancelAsync();
        await running;
        rounds.Should().Equal(expected.Select(e => (e.Item1, TimeSpan.FromSeconds(e.Item2))));

        Task Record(string kind)
        {
            rounds.Enqueue((kind, time.GetUtcNow() - Start));
            return Task.CompletedTask;
        }
    }

    [Test]
    public async Task A_failed_round_is_logged_and_the_next_interval_tries_again_while_sync_rounds_stay_off()
    {
        var time = new FakeTimeProvider(Start);
        var log = new ConcurrentQueue<string>();
        var attempts = 0;
        var synced = 0;
        using var stop = new CancellationTokenSource();
        var running = new CheckpointRounds(time, log.Enqueue).RunAsync(
            TimeSpan.FromSeconds(2),
            _ => Interlocked.Increment(ref attempts) == 1 ? throw new KafkaException(ErrorCode.Local_Transport) : Task.CompletedTask,
            null,
            _ => Task.FromResult(Interlocked.Increment(ref synced)),
            stop.Token);

        await FakeClock.AdvanceUntilAsync(time, TimeSpan.FromSeconds(2), () => Volatile.Read(ref attempts) == 1 && !log.IsEmpty, "the first round failed and was logged");
        await FakeClock.AdvanceUntilAsync(time, TimeSpan.FromSeconds(2), () => Volatile.Read(ref attempts) == 2, "the next interval tried again");

        await stop.CancelAsync();
        await running;
        log.Should().ContainSingle().Which.Should().StartWith("checkpoint round failed: ");
        synced.Should().Be(0, "no sync interval means no sync rounds");
    }
}
