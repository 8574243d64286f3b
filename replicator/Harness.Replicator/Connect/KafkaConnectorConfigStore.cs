using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Confluent.Kafka;

namespace Harness.Replicator.Connect;

/// <summary>
/// Keeps connectors in the worker's compacted <c>config.storage.topic</c>, with the keys Connect uses for the same
/// facts: <c>connector-&lt;name&gt;</c> holding <c>{"properties": {...}}</c>, <c>target-state-&lt;name&gt;</c> holding
/// <c>{"state": "PAUSED"|"STARTED"}</c>, and tombstones for both on delete. Connect also stores task configs and commit
/// records there; the stand-in derives its tasks from the connector config, so it writes neither, and a real Connect
/// worker cannot take over this topic.
/// </summary>
public sealed class KafkaConnectorConfigStore : IConnectorConfigStore, IDisposable
{
    private const string ConnectorPrefix = "connector-";
    private const string StatePrefix = "target-state-";
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);
    private readonly string _bootstrap;
    private readonly string _topic;
    private readonly IReadOnlyDictionary<string, string> _clients;
    private readonly IProducer<byte[]?, byte[]?> _producer;
    private readonly TimeProvider _time;

    /// <summary>Uses <paramref name="topic"/> (one partition, compacted; see <see cref="ConnectInternalTopics"/>) on <paramref name="bootstrap"/>.</summary>
    /// <param name="bootstrap">The worker's Kafka cluster.</param>
    /// <param name="topic">The worker's <c>config.storage.topic</c>.</param>
    /// <param name="time">The clock of the read deadline; <see cref="TimeProvider.System"/> when null.</param>
    /// <param name="clientSettings">librdkafka settings the worker's clients need for that cluster (security); none when null.</param>
    public KafkaConnectorConfigStore(string bootstrap, string topic, TimeProvider? time = null, IReadOnlyDictionary<string, string>? clientSettings = null)
    {
        _time = time ?? TimeProvider.System;
        _bootstrap = bootstrap;
        _topic = topic;
        _clients = clientSettings ?? new Dictionary<string, string>();
        _producer = new ProducerBuilder<byte[]?, byte[]?>(new ProducerConfig(new Dictionary<string, string>(_clients))
        {
            BootstrapServers = bootstrap,
            ClientId = "harness-connect-configs",
            Acks = Acks.All,
            EnableIdempotence = true,
            LingerMs = 0,
        }).SetLogHandler((_, _) => { }).Build();
    }

    /// <inheritdoc/>
    public IReadOnlyList<StoredConnector> Load()
    {
        using var consumer = new ConsumerBuilder<byte[]?, byte[]?>(new ConsumerConfig(new Dictionary<string, string>(_clients))
        {
            BootstrapServers = _bootstrap,
            GroupId = "harness-connect-configs-reader",
            ClientId = "harness-connect-configs-reader",
            EnableAutoCommit = false,
            EnablePartitionEof = true,
            AutoOffsetReset = AutoOffsetReset.Earliest,
        }).SetLogHandler((_, _) => { }).Build();
        var partition = new TopicPartition(_topic, 0);
        var end = consumer.QueryWatermarkOffsets(partition, Timeout).High;
        var configs = new Dictionary<string, IReadOnlyDictionary<string, string>>(StringComparer.Ordinal);
        var order = new List<string>();
        var paused = new HashSet<string>(StringComparer.Ordinal);
        if (end.Value <= 0)
        {
            return [];
        }

        consumer.Assign(new TopicPartitionOffset(partition, Offset.Beginning));
        var started = _time.GetTimestamp();
        while (_time.GetElapsedTime(started) < Timeout)
        {
            var result = consumer.Consume(TimeSpan.FromMilliseconds(200));
            if (result is null)
            {
                continue;
            }

            if (result.IsPartitionEOF)
            {
                if (result.Offset.Value >= end.Value)
                {
                    break;
                }

                continue;
            }

            Apply(result.Message, configs, order, paused);
            if (result.Offset.Value + 1 >= end.Value)
            {
                break;
            }
        }

        return order.Where(configs.ContainsKey).Select(n => new StoredConnector(n, configs[n], paused.Contains(n))).ToList();
    }

    /// <inheritdoc/>
    public void PutConfig(string name, IReadOnlyDictionary<string, string> config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var properties = new JsonObject();
        foreach (var (key, value) in config)
        {
            properties[key] = value;
        }

        Write(ConnectorPrefix + name, new JsonObject { ["properties"] = properties }.ToJsonString());
    }

    /// <inheritdoc/>
    public void PutPaused(string name, bool paused) =>
        Write(StatePrefix + name, new JsonObject { ["state"] = paused ? "PAUSED" : "STARTED" }.ToJsonString());

    /// <inheritdoc/>
    public void Delete(string name)
    {
        Write(StatePrefix + name, null);
        Write(ConnectorPrefix + name, null);
    }

    /// <summary>Flushes and closes the producer.</summary>
    public void Dispose()
    {
        _producer.Flush(Timeout);
        _producer.Dispose();
    }

    private static void Apply(Message<byte[]?, byte[]?> message, Dictionary<string, IReadOnlyDictionary<string, string>> configs, List<string> order, HashSet<string> paused)
    {
        var key = message.Key is null ? "" : Encoding.UTF8.GetString(message.Key);
        if (key.StartsWith(ConnectorPrefix, StringComparison.Ordinal))
        {
            var name = key[ConnectorPrefix.Length..];
            if (message.Value is null)
            {
                configs.Remove(name);
                order.Remove(name);
                paused.Remove(name);
                return;
            }

            try
            {
                var properties = JsonNode.Parse(message.Value)?["properties"]?.AsObject();
                if (properties is null)
                {
                    return;
                }

                if (!configs.ContainsKey(name))
                {
                    order.Add(name);
                }

                configs[name] = properties.ToDictionary(p => p.Key, p => p.Value?.GetValue<string>() ?? "", StringComparer.Ordinal);
            }
            catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException)
            {
                // Not written by the stand-in; a record it cannot read is no connector of its own.
            }
        }
        else if (key.StartsWith(StatePrefix, StringComparison.Ordinal))
        {
            var name = key[StatePrefix.Length..];
            var state = message.Value is null ? null : TryState(message.Value);
            if (state == "PAUSED")
            {
                paused.Add(name);
            }
            else
            {
                paused.Remove(name);
            }
        }
    }

    private static string? TryState(byte[] value)
    {
        try
        {
            return JsonNode.Parse(value)?["state"]?.GetValue<string>();
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException)
        {
            return null;
        }
    }

    private void Write(string key, string? value)
    {
        // Synchronous on purpose: the REST call answers only once the change would survive a SIGKILL.
        var delivered = _producer.ProduceAsync(_topic, new Message<byte[]?, byte[]?>
        {
            Key = Encoding.UTF8.GetBytes(key),
            Value = value is null ? null : Encoding.UTF8.GetBytes(value),
        }).WaitAsync(Timeout).GetAwaiter().GetResult();
        _ = delivered;
    }
}
