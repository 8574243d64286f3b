using Confluent.Kafka;
using Harness.Engine.Replicators;
using Harness.Engine.Replicators.Metrics;
using Harness.Engine.Runs;

namespace Harness.Engine.Tests.Registry;

/// <summary>
/// A replicator in this process: assigns every partition of the scenario's topics from the start and produces each
/// record, bytes, timestamp and headers unchanged, to the same partition of the remote topic.
/// </summary>
internal sealed class CopyingReplicator(ReplicatorLaunch launch, CopyingReplicatorSettings settings) : IReplicator
{
    private CancellationTokenSource? _stop;
    private Task? _loop;

    public string Kind => "copier";

    public bool IsRunning => _loop is { IsCompleted: false };

    public int? ExitCode => _loop is { IsCompleted: true } ? 0 : null;

    public string LogPath => launch.LogPath;

    public IReplicatorMetrics? Metrics => null;

    public IHeapBallast? Ballast => null;

    public IConnectCluster? Connect => null;

    public Task WhenReadyAsync(CancellationToken cancellation) => Task.CompletedTask;

    public void Start()
    {
        _stop = new CancellationTokenSource();
        var token = _stop.Token;
        _loop = Task.Factory.StartNew(() => Copy(token), token, TaskCreationOptions.LongRunning, TaskScheduler.Default);
    }

    public async Task StopAsync(TimeSpan grace)
    {
        if (_stop is null || _loop is null)
        {
            return;
        }

        await _stop.CancelAsync();
        await _loop.WaitAsync(grace);
    }

    public void Kill() => _stop?.Cancel();

    public void Pause() => throw new NotSupportedException("the copier has no process to pause");

    public void Resume() => throw new NotSupportedException("the copier has no process to resume");

    public HarnessException? ExplainExit(int exitCode) => null;

    public async ValueTask DisposeAsync()
    {
        await StopAsync(TimeSpan.FromSeconds(10));
        _stop?.Dispose();
    }

    private void Copy(CancellationToken stop)
    {
        var scenario = launch.Scenario;
        using var consumer = new ConsumerBuilder<byte[], byte[]>(new ConsumerConfig { BootstrapServers = launch.Source.Bootstrap, GroupId = "copier", EnableAutoCommit = false }).Build();
        using var producer = new ProducerBuilder<byte[], byte[]>(new ProducerConfig { BootstrapServers = launch.Target.Bootstrap, EnableIdempotence = true, LingerMs = 5 }).Build();
        consumer.Assign(scenario.Topics.SelectMany(t => Enumerable.Range(0, t.Partitions).Select(p => new TopicPartitionOffset(t.Name, p, Offset.Beginning))));
        long seen = 0;
        while (!stop.IsCancellationRequested)
        {
            if (consumer.Consume(TimeSpan.FromMilliseconds(100)) is not { IsPartitionEOF: false } record)
            {
                continue;
            }

            if (settings.DropEvery > 0 && ++seen % settings.DropEvery == 0)
            {
                continue;
            }

            var remote = new TopicPartition(scenario.Replicator.RemoteTopic(record.Topic), record.Partition.Value);
            producer.Produce(remote, new Message<byte[], byte[]> { Key = record.Message.Key, Value = record.Message.Value, Timestamp = record.Message.Timestamp, Headers = record.Message.Headers });
        }

        producer.Flush(TimeSpan.FromSeconds(10));
    }
}
