namespace Harness.Replicator.Metrics;

/// <summary>
/// Samples the metrics every interval of the replicator's clock and appends each sample to the metrics file, if
/// there is one. Losing the file must not stop the replication it describes: a write error is told once.
/// </summary>
public sealed class MetricsLoop(MetricsSampler sampler, MetricsFileWriter? file, Action<string> log)
{
    private bool _reported;

    /// <summary>Samples every <paramref name="interval"/> of <paramref name="time"/> until cancelled.</summary>
    public async Task RunAsync(TimeSpan interval, TimeProvider time, CancellationToken cancellation)
    {
        using var timer = new PeriodicTimer(interval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellation).ConfigureAwait(false))
            {
                Write(sampler.Sample());
            }
        }
        catch (OperationCanceledException)
        {
            // Stopping; the caller writes the last sample once the replicator has flushed.
        }
    }

    /// <summary>Appends <paramref name="snapshot"/> to the file; a failure is logged once and otherwise ignored.</summary>
    public void Write(MetricsSnapshot snapshot)
    {
        try
        {
            file?.Write(snapshot);
        }
        catch (IOException e) when (!_reported)
        {
            _reported = true;
            log($"cannot write the metrics file: {e.Message}");
        }
        catch (IOException)
        {
            // Told once above.
        }
    }
}
