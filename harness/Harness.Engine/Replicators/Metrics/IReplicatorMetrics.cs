namespace Harness.Engine.Replicators.Metrics;

/// <summary>
/// Where the replicator's own metrics come from: a file it writes, or an endpoint the harness scrapes. The watch asks
/// only when the newest sample arrived, so a replicator that stops reporting looks the same whatever the source.
/// </summary>
public interface IReplicatorMetrics
{
    /// <summary>Where the metrics come from (a file, a URL), for messages that say where to look.</summary>
    string Source { get; }

    /// <summary>When the newest sample arrived, or <see langword="null"/> before the first (nothing to judge yet).</summary>
    DateTimeOffset? LastSampleUtc { get; }

    /// <summary>The newest figures, or <see langword="null"/> when none could be read.</summary>
    ReplicatorFigures? Latest { get; }

    /// <summary>
    /// Samples every <paramref name="every"/> on <paramref name="time"/> until <paramref name="cancellation"/> fires; a
    /// source the replicator itself keeps up to date returns at once.
    /// </summary>
    Task RunAsync(TimeProvider time, TimeSpan every, CancellationToken cancellation);
}
