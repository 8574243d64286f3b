using System.Text;
using System.Text.Json.Nodes;
using Confluent.Kafka;

namespace Harness.Replicator.Connect;

/// <summary>
/// Records in the worker's status topic that a worker of its Connect group is alive (a keyed record every second, a
/// tombstone on a clean stop), so a second worker of the same group can tell and refuse to start: the stand-in does not
/// spread connectors over workers, and two workers would run every connector twice.
/// </summary>
public sealed class WorkerPresence : IAsyncDisposable
{
    /// <summary>A presence younger than this belongs to a live worker.</summary>
    public static readonly TimeSpan LiveWithin = TimeSpan.FromSeconds(5);

    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);
    private readonly ConnectWorkerConfig _config;
    private readonly string _workerId;
    private readonly TimeProvider _time;
    private readonly string _instance = Guid.NewGuid().ToString("N");
    private readonly IProducer<byte[]?, byte[]?> _producer;
    private readonly CancellationTokenSource _stop = new();
    private Task? _beating;

    /// <summary>Creates the presence of worker <paramref name="workerId"/>; nothing is written until <see cref="Start"/>.</summary>
    public WorkerPresence(ConnectWorkerConfig config, string workerId, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(config);
        _config = config;
        _workerId = workerId;
        _time = time ?? TimeProvider.System;
        _producer = new ProducerBuilder<byte[]?, byte[]?>(new ProducerConfig(config.Clients())
        {
            BootstrapServers = config.BootstrapServers,
            ClientId = "harness-connect-presence",
            LingerMs = 0,
            Partitioner = Partitioner.Murmur2Random,
        }).SetLogHandler((_, _) => { }).Build();
    }

    private byte[] Key => Encoding.UTF8.GetBytes("harness-worker-" + _config.GroupId);

    /// <summary>
    /// The id of another live worker of this group, or null. A presence younger than <see cref="LiveWithin"/> may be
    /// that of a worker just killed: such a one is watched for two heartbeat intervals, and only a worker that goes on
    /// beating is live.
    /// </summary>
    public string? OtherLiveWorker(CancellationToken cancellation)
    {
        using var consumer = new ConsumerBuilder<byte[]?, byte[]?>(new ConsumerConfig(_config.Clients())
        {
            BootstrapServers = _config.BootstrapServers,
            GroupId = "harness-connect-presence-reader",
            EnableAutoCommit = false,
            EnablePartitionEof = true,
        }).SetLogHandler((_, _) => { }).Build();
        var topic = new AdminClientBuilder(new AdminClientConfig(_config.Clients()) { BootstrapServers = _config.BootstrapServers }).SetLogHandler((_, _) => { }).Build();
        int partitions;
        using (topic)
        {
            partitions = topic.GetMetadata(_config.StatusTopic, TimeSpan.FromSeconds(10)).Topics.FirstOrDefault()?.Partitions.Count ?? 1;
        }

        consumer.Assign(Enumerable.Range(0, Math.Max(1, partitions)).Select(p => new TopicPartitionOffset(_config.StatusTopic, p, Offset.Beginning)));
        var key = Key;
        (string Worker, DateTimeOffset Time)? latest = null;
        var eof = new HashSet<int>();
        var watchUntil = (DateTimeOffset?)null;
        var deadline = _time.GetUtcNow() + TimeSpan.FromSeconds(30);
        while (_time.GetUtcNow() < deadline && !cancellation.IsCancellationRequested)
        {
            var result = consumer.Consume(TimeSpan.FromMilliseconds(100));
            if (result is { IsPartitionEOF: true })
            {
                eof.Add(result.Partition.Value);
            }
            else if (result?.Message is { } message && message.Key is { } k && k.AsSpan().SequenceEqual(key))
            {
                if (message.Value is null)
                {
                    latest = null; // stopped cleanly
                }
                else
                {
                    var worker = WorkerId(message.Value);
                    latest = (worker, message.Timestamp.UtcDateTime);
                    if (watchUntil is not null)
                    {
                        return worker; // it beat again while we watched: alive
                    }
                }
            }

            if (eof.Count >= partitions && watchUntil is null)
            {
                if (latest is null || _time.GetUtcNow() - latest.Value.Time >= LiveWithin)
                {
                    return null;
                }

                watchUntil = _time.GetUtcNow() + (2.5 * Interval);
            }

            if (watchUntil is { } until && _time.GetUtcNow() >= until)
            {
                return null;
            }
        }

        return null;
    }

    /// <summary>Starts beating every second until disposed.</summary>
    public void Start() => _beating = Task.Run(async () =>
    {
        while (!_stop.IsCancellationRequested)
        {
            Beat(new JsonObject { ["worker_id"] = _workerId, ["instance"] = _instance, ["time"] = _time.GetUtcNow().ToUnixTimeMilliseconds() }.ToJsonString());
            try
            {
                await Task.Delay(Interval, _time, _stop.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    });

    /// <summary>Stops beating and writes a tombstone, so the next worker of the group starts at once.</summary>
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        if (_beating is not null)
        {
            await _beating.ConfigureAwait(false);
            Beat(null);
        }

        _producer.Flush(TimeSpan.FromSeconds(5));
        _producer.Dispose();
        _stop.Dispose();
    }

    private static string WorkerId(byte[] value)
    {
        try
        {
            return JsonNode.Parse(value)?["worker_id"]?.GetValue<string>() ?? "?";
        }
        catch (Exception e) when (e is System.Text.Json.JsonException or InvalidOperationException or FormatException)
        {
            return "?"; // written by someone else under this key: still a sign of life
        }
    }

    private void Beat(string? value)
    {
        try
        {
            _producer.Produce(_config.StatusTopic, new Message<byte[]?, byte[]?>
            {
                Key = Key,
                Value = value is null ? null : Encoding.UTF8.GetBytes(value),
                Timestamp = new Timestamp(_time.GetUtcNow()),
            });
        }
        catch (ProduceException<byte[]?, byte[]?>)
        {
            // A full queue while the cluster is away: the next beat tries again.
        }
    }
}
