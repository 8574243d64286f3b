using System.Globalization;
using Confluent.Kafka;
using Confluent.Kafka.Admin;
using Harness.Engine.Apps;
using Harness.Engine.Clients;

namespace Harness.Engine.Orchestration;

/// <summary>
/// Watches a moved app's group on the target from the outside, as an operator's tooling would: its committed offsets
/// and its members, every <see cref="Poll"/>. Once the app is live there, a committed offset the app did not commit
/// (it never processed the record before it) was moved under the group by someone else: MirrorMaker 2's
/// <c>sync.group.offsets</c> writes into a group the moment it is empty, and a rolling restart makes it empty.
/// After a reset (an earliest, latest or translated start) the harness's own commit is the starting point, so a sync
/// that overwrites the reset before the members join counts too; after a synced start, whatever the group holds when
/// the first member joins is.
/// </summary>
internal sealed class TargetGroupWatch : IAsyncDisposable
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(200);
    private const int MaxExamples = 5;

    private readonly AppConsumerGroup _group;
    private readonly KafkaEndpoint _target;
    private readonly TimeProvider _time;
    private readonly CancellationTokenSource _stop = new();
    private readonly Dictionary<(string Topic, int Partition), long> _seen = [];
    private readonly List<string> _examples = [];
    private Task? _watching;
    private int _moved;
    private int _emptyPolls;
    private bool _baseline;

    public TargetGroupWatch(string app, AppConsumerGroup group, KafkaEndpoint target, TimeProvider time)
    {
        App = app;
        _group = group;
        _target = target;
        _time = time;
        if (group.StartOffsets is { } reset)
        {
            foreach (var (partition, offset) in reset)
            {
                _seen[partition] = offset;
            }

            _baseline = true;
        }
    }

    public string App { get; }

    /// <summary>Committed offsets changed by someone other than the app while it was live on the target.</summary>
    public int Moved => Volatile.Read(ref _moved);

    /// <summary>Polls that found the app's group on the target without a member (a restart's gap).</summary>
    public int EmptyPolls => Volatile.Read(ref _emptyPolls);

    public IReadOnlyList<string> Examples
    {
        get
        {
            lock (_examples)
            {
                return [.. _examples];
            }
        }
    }

    public void Start() => _watching = Task.Run(() => WatchAsync(_stop.Token));

    /// <summary>Stops watching; call before the apps leave their groups, whose emptiness is then the run's end, not a fault.</summary>
    public async Task StopAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        if (_watching is { } watching)
        {
            await watching.ConfigureAwait(false);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync().ConfigureAwait(false);
        _stop.Dispose();
    }

    private async Task WatchAsync(CancellationToken cancellation)
    {
        using var admin = new AdminClientBuilder(_target.Admin("harness-group-watch"))
            .SetLogHandler(ClientLog.Current.Write).SetErrorHandler(ClientLog.Current.Error).Build();
        var group = _group.Settings.Spec.Group;
        var ledger = _group.Settings.TargetOffsets;
        var timeout = TimeSpan.FromSeconds(5);
        while (!cancellation.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(Poll, _time, cancellation).ConfigureAwait(false);
                if (!ledger.Joined && !_baseline)
                {
                    continue;
                }

                var described = await admin.DescribeConsumerGroupsAsync([group], new DescribeConsumerGroupsOptions { RequestTimeout = timeout }).ConfigureAwait(false);
                var description = described.ConsumerGroupDescriptions.Single();
                var listed = await admin.ListConsumerGroupOffsetsAsync([new ConsumerGroupTopicPartitions(group, null)],
                    new ListConsumerGroupOffsetsOptions { RequestTimeout = timeout }).ConfigureAwait(false);
                if (cancellation.IsCancellationRequested)
                {
                    break;
                }

                if (description.Members.Count == 0 && ledger.Joined)
                {
                    Interlocked.Increment(ref _emptyPolls);
                }

                Compare(listed.SelectMany(r => r.Partitions).Where(p => !p.Error.IsError && p.Offset.Value >= 0), ledger, description);
            }
            catch (OperationCanceledException)
            {
                break;
            }
            catch (KafkaException e)
            {
                // A target broker down (a fault of the rehearsal): the next poll looks again.
                ClientLog.Current.Write(admin, new LogMessage("harness-group-watch", SyslogLevel.Warning, "watch", $"group {group}: {e.Message}"));
            }
        }
    }

    private void Compare(IEnumerable<TopicPartitionOffsetError> committed, AppOffsetLedger ledger, ConsumerGroupDescription description)
    {
        foreach (var partition in committed)
        {
            var key = (partition.Topic, partition.Partition.Value);
            var now = partition.Offset.Value;
            var known = _seen.TryGetValue(key, out var before);
            _seen[key] = now;
            // The first look at a partition (the first after the app joined, unless the harness reset it) is the
            // app's starting point, wherever it came from.
            if (!_baseline || !known || before == now || ledger.IsOwn(key.Topic, key.Item2, now))
            {
                continue;
            }

            Interlocked.Increment(ref _moved);
            lock (_examples)
            {
                if (_examples.Count < MaxExamples)
                {
                    _examples.Add(string.Create(CultureInfo.InvariantCulture,
                        $"{key.Topic}/{key.Item2} {before} -> {now} (group {description.State.ToString().ToLowerInvariant()}, {description.Members.Count} members, when seen)"));
                }
            }
        }

        _baseline = true;
    }
}
