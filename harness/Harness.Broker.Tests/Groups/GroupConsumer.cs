using System.Collections.Concurrent;
using Confluent.Kafka;

namespace Harness.Broker.Tests.Groups;

/// <summary>
/// A subscribed Confluent consumer polled on its own thread (librdkafka only rebalances while polled), with
/// its assignment and consumed records observable from the test.
/// </summary>
internal sealed class GroupConsumer : IDisposable
{
    private readonly IConsumer<string, string> _consumer;
    private readonly CancellationTokenSource _stop = new();
    private readonly Thread _thread;
    private readonly object _lock = new();
    private readonly HashSet<TopicPartition> _assignment = [];
    private volatile bool _closeOnStop = true;

    public GroupConsumer(string name, ConsumerConfig config, string topic)
    {
        Name = name;
        _consumer = new ConsumerBuilder<string, string>(config)
            .SetPartitionsAssignedHandler((_, partitions) =>
            {
                lock (_lock)
                {
                    _assignment.UnionWith(partitions);
                }
            })
            .SetPartitionsRevokedHandler((_, partitions) => Forget(partitions.Select(p => p.TopicPartition)))
            .SetPartitionsLostHandler((_, partitions) => Forget(partitions.Select(p => p.TopicPartition)))
            .Build();
        _consumer.Subscribe(topic);
        _thread = new Thread(Poll) { IsBackground = true, Name = name };
        _thread.Start();
    }

    public string Name { get; }

    public ConcurrentQueue<ConsumeResult<string, string>> Consumed { get; } = new();

    public IReadOnlySet<TopicPartition> Assignment
    {
        get
        {
            lock (_lock)
            {
                return _assignment.ToHashSet();
            }
        }
    }

    private void Forget(IEnumerable<TopicPartition> partitions)
    {
        lock (_lock)
        {
            _assignment.ExceptWith(partitions);
        }
    }

    private void Poll()
    {
        while (!_stop.IsCancellationRequested)
        {
            try
            {
                var result = _consumer.Consume(TimeSpan.FromMilliseconds(100));
                if (result is { IsPartitionEOF: false, Message: not null })
                {
                    Consumed.Enqueue(result);
                }
            }
            catch (ConsumeException)
            {
                // Transient errors (e.g. the coordinator moving) are retried by the next poll.
            }
        }

        if (_closeOnStop)
        {
            _consumer.Close();
        }
    }

    /// <summary>Commits the offsets of what was consumed (librdkafka's commit is safe beside the poll thread).</summary>
    public List<TopicPartitionOffset> Commit() => _consumer.Commit();

    /// <summary>Stops polling; <paramref name="leave"/> false disposes without Close, like a crashed process.</summary>
    public void Stop(bool leave = true)
    {
        _closeOnStop = leave;
        _stop.Cancel();
        _thread.Join();
    }

    public void Dispose()
    {
        if (!_stop.IsCancellationRequested)
        {
            Stop();
        }

        _consumer.Dispose();
        _stop.Dispose();
    }
}
