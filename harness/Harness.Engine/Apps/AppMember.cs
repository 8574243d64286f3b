using System.Text;
using Confluent.Kafka;
using Harness.Engine.Clients;
using Harness.Engine.Runs;

namespace Harness.Engine.Apps;

/// <summary>
/// One member of an app's consumer group on one cluster, on its own thread: reads, hands every app record to the
/// tracker, paces itself to the app's rate and stores each processed offset, which librdkafka commits at the
/// app's interval (and once more when the member leaves).
/// </summary>
internal sealed class AppMember
{
    private readonly ConsumerGroupSettings _settings;
    private readonly KafkaEndpoint _bootstrap;
    private readonly bool _onTarget;
    private readonly int _index;
    private readonly CancellationTokenSource _stop = new();
    private Task? _thread;

    public AppMember(ConsumerGroupSettings settings, KafkaEndpoint bootstrap, bool onTarget, int index)
    {
        _settings = settings;
        _bootstrap = bootstrap;
        _onTarget = onTarget;
        _index = index;
    }

    public void Start(CancellationToken run)
    {
        var linked = CancellationTokenSource.CreateLinkedTokenSource(run, _stop.Token);
        _thread = Task.Factory.StartNew(() =>
        {
            using (linked)
            {
                Run(linked.Token);
            }
        }, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
    }

    /// <summary>Leaves the group: the member commits what it processed and closes.</summary>
    public async Task StopAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        if (_thread is not null)
        {
            // Close commits and leaves the group; a member that cannot within 30 s (its coordinator down) is abandoned.
            await Task.WhenAny(_thread, Task.Delay(TimeSpan.FromSeconds(30), _settings.Time)).ConfigureAwait(false);
        }

        _stop.Dispose();
    }

    private void Run(CancellationToken cancellation)
    {
        var spec = _settings.Spec;
        using var consumer = new ConsumerBuilder<byte[]?, byte[]?>(_bootstrap.Configure(new ConsumerConfig
        {
            GroupId = spec.Group,
            ClientId = $"harness-app-{_settings.App}-{(_onTarget ? "target" : "source")}-{_index}",
            EnableAutoCommit = true,
            EnableAutoOffsetStore = false,
            AutoCommitIntervalMs = (int)spec.CommitInterval.TotalMilliseconds,
            AutoOffsetReset = spec.AutoOffsetReset == "latest" ? AutoOffsetReset.Latest : AutoOffsetReset.Earliest,
            PartitionAssignmentStrategy = spec.Assignor switch
            {
                "roundrobin" => PartitionAssignmentStrategy.RoundRobin,
                "cooperative-sticky" => PartitionAssignmentStrategy.CooperativeSticky,
                _ => PartitionAssignmentStrategy.Range,
            },
            SessionTimeoutMs = 6000,
            HeartbeatIntervalMs = 500,
        })).SetLogHandler(ClientLog.Current.Write).SetErrorHandler(ClientLog.Current.Error)
            .SetPartitionsAssignedHandler((_, assigned) =>
            {
                if (_onTarget && assigned.Count > 0)
                {
                    _settings.TargetOffsets.MarkJoined();
                }
            }).Build();
        var topics = _onTarget ? _settings.TargetTopics : _settings.SourceTopics;
        consumer.Subscribe(topics.Keys);
        var clock = new RunClock(_settings.Time);
        long processed = 0;
        try
        {
            while (!cancellation.IsCancellationRequested)
            {
                var result = consumer.Consume(100);
                if (result?.Message is not { } message)
                {
                    continue;
                }

                if (spec.Rate is { } rate)
                {
                    // The n-th record is processed no sooner than n / rate after the member started: a slow service.
                    var due = TimeSpan.FromSeconds(processed / rate) - clock.Elapsed;
                    if (due > TimeSpan.Zero && cancellation.WaitHandle.WaitOne(due))
                    {
                        break;
                    }
                }

                processed++;
                if (message.Value is { } value && AppStamp.TryDecode(value, out var stamp) && stamp.RunId == _settings.RunId)
                {
                    var key = message.Key is null ? "" : Encoding.UTF8.GetString(message.Key);
                    _settings.Tracker.Record(stamp, topics[result.Topic], key, result.Partition.Value, result.Offset.Value, _onTarget,
                        _settings.Time.GetUtcNow().ToUnixTimeMilliseconds());
                }

                if (_onTarget)
                {
                    // Recorded before it is stored: the commit that follows can then always be told apart from a stranger's.
                    _settings.TargetOffsets.Processed(result.Topic, result.Partition.Value, result.Offset.Value);
                }

                consumer.StoreOffset(result);
            }
        }
        catch (OperationCanceledException)
        {
        }
        finally
        {
            try
            {
                consumer.Close();
            }
            catch (KafkaException e)
            {
                ClientLog.Current.Error(consumer, e.Error);
            }
        }
    }
}
