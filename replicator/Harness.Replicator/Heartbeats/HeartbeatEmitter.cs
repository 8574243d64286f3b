using Confluent.Kafka;
using Harness.Mm2.Records;
using Harness.Replicator.Metrics;

namespace Harness.Replicator.Heartbeats;

/// <summary>MM2's heartbeat task: a <see cref="Heartbeat"/> to the target's heartbeats topic every interval.</summary>
internal sealed class HeartbeatEmitter(string sourceAlias, string targetAlias, string topic, IProducer<byte[]?, byte[]?> producer, ReplicatorMetrics metrics)
{
    private readonly TopicPartition _destination = new(topic, 0);

    /// <summary>Emits one heartbeat now and one every <paramref name="interval"/> until cancelled.</summary>
    public async Task RunAsync(TimeSpan interval, Action<string> log, CancellationToken cancellation)
    {
        using var timer = new PeriodicTimer(interval, metrics.Time);
        try
        {
            do
            {
                try
                {
                    Emit();
                }
                catch (KafkaException e)
                {
                    log($"heartbeat not written: {e.Message}");
                }
            }
            while (await timer.WaitForNextTickAsync(cancellation).ConfigureAwait(false));
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }
    }

    public void Emit()
    {
        var now = metrics.Time.GetUtcNow().ToUnixTimeMilliseconds();
        var heartbeat = new Heartbeat(sourceAlias, targetAlias, now);
        try
        {
            producer.Produce(_destination, new Message<byte[]?, byte[]?>
            {
                Key = heartbeat.SerializeKey(),
                Value = heartbeat.SerializeValue(),
                Timestamp = new Timestamp(now, TimestampType.CreateTime),
            }, report =>
            {
                if (!report.Error.IsError)
                {
                    metrics.HeartbeatWritten();
                }
            });
        }
        catch (ProduceException<byte[]?, byte[]?> e) when (e.Error.Code == ErrorCode.Local_QueueFull)
        {
            // The target is not keeping up; a missing heartbeat is exactly what a heartbeat should show then.
        }
    }
}
