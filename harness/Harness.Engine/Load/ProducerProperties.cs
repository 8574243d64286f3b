using Harness.Engine.Clients;
using System.Globalization;
using Harness.Engine.Scenarios;

namespace Harness.Engine.Load;

/// <summary>The librdkafka settings of one load producer: the scenario's producer settings and codec, and the harness's defaults for the rest.</summary>
internal static class ProducerProperties
{
    /// <summary>linger.ms when the scenario does not say: the Kafka 4 producer default.</summary>
    public const int DefaultLingerMs = 5;

    /// <summary>batch.size when the scenario does not say: librdkafka's default.</summary>
    public const int DefaultBatchSize = 1_000_000;

    /// <summary>
    /// <c>transaction.timeout.ms</c> of a transactional producer: as long as a record may take to be delivered, so a
    /// broker kill that holds records back does not also make the coordinator abort the transaction under them.
    /// </summary>
    public const int TransactionTimeoutMs = 120_000;

    /// <summary>The settings of producer <paramref name="producerId"/> of <paramref name="topic"/> in run <paramref name="runId"/>.</summary>
    public static IReadOnlyDictionary<string, string> For(TopicSpec topic, int producerId, KafkaEndpoint bootstrap, ulong runId = 0)
    {
        var settings = topic.Producer;
        var properties = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["client.id"] = $"harness-load-{topic.Name}-{producerId}",
            ["acks"] = settings.Acks switch { AcksMode.All => "all", AcksMode.Leader => "1", _ => "0" },
            ["enable.idempotence"] = settings.Idempotence && settings.Acks == AcksMode.All ? "true" : "false",
            ["linger.ms"] = (settings.LingerMs ?? DefaultLingerMs).ToString(CultureInfo.InvariantCulture),
            ["compression.codec"] = topic.Compression switch
            {
                CompressionCodec.Gzip => "gzip",
                CompressionCodec.Snappy => "snappy",
                CompressionCodec.Lz4 => "lz4",
                CompressionCodec.Zstd => "zstd",
                _ => "none",
            },

            // Generous, so a broker kill or a long leader election fails no record that a retry would deliver.
            ["message.timeout.ms"] = "120000",

            // librdkafka logs to stderr, where a broker kill's expected connection errors would drown the progress
            // display; what matters reaches the ledger through delivery reports.
            ["log_level"] = "2",
        };
        if (settings.BatchSize is { } batchSize)
        {
            properties["batch.size"] = batchSize.ToString(CultureInfo.InvariantCulture);
        }

        if (settings.Transactional)
        {
            // Unique per run, topic and producer: a rerun must not fence this run's producers, nor one producer another.
            properties["transactional.id"] = string.Create(CultureInfo.InvariantCulture, $"harness-{runId:x}-{topic.Name}-{producerId}");
            properties["transaction.timeout.ms"] = TransactionTimeoutMs.ToString(CultureInfo.InvariantCulture);
            properties["enable.idempotence"] = "true";
        }

        return bootstrap.With(properties);
    }
}
