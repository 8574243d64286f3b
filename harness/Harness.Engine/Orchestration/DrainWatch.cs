namespace Harness.Engine.Orchestration;

/// <summary>
/// Waits until every source partition's end offset has reached its target partition, giving up at a deadline, after a
/// stall (no lag reduction for <see cref="StallWindow"/>) or when the replicator has exited. Time comes from a
/// <see cref="TimeProvider"/>, so deadlines and stalls are tested without waiting for them.
/// </summary>
internal sealed class DrainWatch(
    TimeProvider time,
    Func<Task<(Dictionary<(string Topic, int Partition), long> Source, Dictionary<(string Topic, int Partition), long> Target)>> readWatermarks,
    Func<int?> replicatorExitCode,
    IReadOnlyDictionary<string, string> remoteTopics)
{
    public static readonly TimeSpan StallWindow = TimeSpan.FromSeconds(15);

    public static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(250);

    public async Task<DrainOutcome> WaitAsync(TimeSpan within, CancellationToken cancellation)
    {
        var start = time.GetTimestamp();
        var lastProgress = TimeSpan.Zero;
        var lastLag = long.MaxValue;
        while (true)
        {
            var (sourceMarks, targetMarks) = await readWatermarks().ConfigureAwait(false);
            var elapsed = time.GetElapsedTime(start);
            var lag = sourceMarks.Sum(s => Math.Max(0, s.Value - targetMarks.GetValueOrDefault(RemoteOf(s.Key))));
            if (sourceMarks.Count > 0 && lag == 0 && sourceMarks.All(s => targetMarks.ContainsKey(RemoteOf(s.Key))))
            {
                return new DrainOutcome(true, 0, elapsed, "caught up");
            }

            if (lag < lastLag)
            {
                lastLag = lag;
                lastProgress = elapsed;
            }

            if (elapsed >= within)
            {
                return new DrainOutcome(false, lag, elapsed, $"deadline of {within.TotalSeconds:0}s reached");
            }

            if (elapsed - lastProgress >= StallWindow)
            {
                return new DrainOutcome(false, lag, elapsed, $"no progress for {StallWindow.TotalSeconds:0}s");
            }

            if (replicatorExitCode() is { } code)
            {
                return new DrainOutcome(false, lag, elapsed, $"the replicator exited with code {code}");
            }

            await Task.Delay(PollInterval, time, cancellation).ConfigureAwait(false);
        }
    }

    private (string, int) RemoteOf((string Topic, int Partition) source) => (remoteTopics[source.Topic], source.Partition);
}
