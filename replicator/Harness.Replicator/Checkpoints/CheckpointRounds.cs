using Confluent.Kafka;

namespace Harness.Replicator.Checkpoints;

/// <summary>
/// When the checkpoint task acts: a checkpoint round every <c>emit.checkpoints.interval.seconds</c> and, with group
/// offset sync on, a sync round every <c>sync.group.offsets.interval.seconds</c>, both timed by the replicator's clock
/// from when the rounds start. A failed round is logged and retried at the next interval.
/// </summary>
internal sealed class CheckpointRounds(TimeProvider time, Action<string> log)
{
    /// <summary>Runs the rounds until cancelled; <paramref name="syncInterval"/> null means no sync rounds.</summary>
    public async Task RunAsync(
        TimeSpan checkpointInterval,
        Func<CancellationToken, Task> checkpoint,
        TimeSpan? syncInterval,
        Func<CancellationToken, Task> syncGroups,
        CancellationToken cancellation)
    {
        // Due times are absolute, so a slow round delays the next one without shifting every later one.
        var nextCheckpoint = time.GetUtcNow() + checkpointInterval;
        var nextSync = syncInterval is { } first ? time.GetUtcNow() + first : DateTimeOffset.MaxValue;
        while (!cancellation.IsCancellationRequested)
        {
            try
            {
                var wait = (nextSync < nextCheckpoint ? nextSync : nextCheckpoint) - time.GetUtcNow();
                if (wait > TimeSpan.Zero)
                {
                    await Task.Delay(wait, time, cancellation).ConfigureAwait(false);
                }

                if (time.GetUtcNow() >= nextCheckpoint)
                {
                    nextCheckpoint = time.GetUtcNow() + checkpointInterval;
                    await checkpoint(cancellation).ConfigureAwait(false);
                }

                if (syncInterval is { } interval && time.GetUtcNow() >= nextSync)
                {
                    nextSync = time.GetUtcNow() + interval;
                    await syncGroups(cancellation).ConfigureAwait(false);
                }
            }
            catch (OperationCanceledException)
            {
                return;
            }
            catch (KafkaException e)
            {
                log($"checkpoint round failed: {e.Message}");
            }
        }
    }
}
