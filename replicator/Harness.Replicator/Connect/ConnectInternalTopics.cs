using Confluent.Kafka;
using Harness.Replicator.Source;
using Harness.Replicator.Topics;

namespace Harness.Replicator.Connect;

/// <summary>Reaches the worker's Kafka cluster at start and creates its config, offsets and status topics when missing.</summary>
public static class ConnectInternalTopics
{
    /// <summary>Ensures the worker's topics exist (compacted, replication capped at the broker count) and returns the cluster id.</summary>
    /// <exception cref="ClusterUnreachableException">The worker's cluster did not answer within <paramref name="timeout"/>.</exception>
    /// <param name="config">The worker's settings.</param>
    /// <param name="timeout">How long the cluster may stay unreachable.</param>
    /// <param name="cancellation">Stops waiting (SIGTERM while starting).</param>
    /// <param name="time">The clock of the timeout; <see cref="TimeProvider.System"/> when null.</param>
    public static async Task<string> EnsureAsync(ConnectWorkerConfig config, TimeSpan timeout, CancellationToken cancellation, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(config);
        time ??= TimeProvider.System;
        using var admin = new AdminClientBuilder(new AdminClientConfig(config.Clients()) { BootstrapServers = config.BootstrapServers, ClientId = "harness-connect-admin" })
            .SetLogHandler((_, _) => { }).Build();
        var started = time.GetTimestamp();
        while (true)
        {
            cancellation.ThrowIfCancellationRequested();
            try
            {
                admin.GetMetadata(timeout);
                var cluster = await admin.DescribeClusterAsync(new Confluent.Kafka.Admin.DescribeClusterOptions { RequestTimeout = timeout }).ConfigureAwait(false);
                await InternalTopics.EnsureAsync(admin, config.ConfigTopic, config.ConfigReplicationFactor, timeout).ConfigureAwait(false);
                await InternalTopics.EnsureAsync(admin, config.StatusTopic, config.StatusReplicationFactor, timeout).ConfigureAwait(false);
                await InternalTopics.EnsureAsync(admin, config.OffsetTopic, config.OffsetReplicationFactor, timeout, config.OffsetPartitions).ConfigureAwait(false);
                return cluster.ClusterId ?? "";
            }
            catch (KafkaException e) when (time.GetElapsedTime(started) < timeout)
            {
                // A transport failure can come back at once on a busy machine: ask again until the timeout.
                _ = e;
                await Task.Delay(TimeSpan.FromMilliseconds(250), time, cancellation).ConfigureAwait(false);
            }
            catch (KafkaException e)
            {
                throw new ClusterUnreachableException($"cannot reach the worker's Kafka cluster at {config.BootstrapServers} ({e.Error.Reason}); check bootstrap.servers");
            }
        }
    }
}
