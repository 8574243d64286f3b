namespace Harness.Broker.Cluster;

/// <summary>
/// Applies retention to every partition of every topic whose cleanup.policy includes delete, once per
/// <see cref="EmbeddedClusterOptions.RetentionCheckInterval"/> of the cluster's clock (Kafka's
/// log.retention.check.interval.ms). Appends already apply it; this pass is for partitions nobody writes to any more,
/// whose old segments would otherwise stay until the next write.
/// </summary>
internal sealed class RetentionScheduler(ClusterState cluster) : IDisposable
{
    private ITimer? _timer;

    /// <summary>Starts the periodic passes; a zero interval leaves retention to appends and config changes.</summary>
    public void Start()
    {
        var interval = cluster.Options.RetentionCheckInterval;
        if (interval > TimeSpan.Zero)
        {
            _timer = cluster.Time.CreateTimer(_ => Sweep(), null, interval, interval);
        }
    }

    private void Sweep()
    {
        try
        {
            var now = cluster.NowMs;
            foreach (var topic in cluster.Topics.Values.Where(t => t.Config.Delete))
            {
                foreach (var partition in topic.Partitions)
                {
                    partition.Log.ApplyRetention(topic.Config, now);
                }
            }
        }
#pragma warning disable CA1031 // A throw on a timer thread would end the process; the next pass tries again.
        catch (Exception e)
#pragma warning restore CA1031
        {
            Console.Error.WriteLine($"[{cluster.Name}] error: retention pass failed: {e.Message}");
        }
    }

    public void Dispose() => _timer?.Dispose();
}
