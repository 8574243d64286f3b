using Confluent.Kafka;
using Harness.Replicator.Configuration;

namespace Harness.Replicator.Clients;

/// <summary>
/// Builds the librdkafka clients of one cluster with the user's overrides applied last, and turns a property
/// librdkafka refuses into a <see cref="ReplicatorConfigException"/> that names the cluster and the property.
/// </summary>
internal sealed class KafkaClients(string alias, string bootstrap, ClusterClientSettings overrides)
{
    public string Alias => alias;

    public string Bootstrap => bootstrap;

    public IConsumer<byte[]?, byte[]?> Consumer(ConsumerConfig config) =>
        Build(config, overrides.Consumer, "consumer", c => new ConsumerBuilder<byte[]?, byte[]?>(c).Build());

    public IProducer<byte[]?, byte[]?> Producer(ProducerConfig config, Action<Error>? onError = null) =>
        Build(config, overrides.Producer, "producer", c =>
        {
            var builder = new ProducerBuilder<byte[]?, byte[]?>(c);
            if (onError is not null)
            {
                builder.SetErrorHandler((_, error) => onError(error));
            }

            return builder.Build();
        });

    public IAdminClient Admin() =>
        Build(new AdminClientConfig(), overrides.Admin, "admin", c => new AdminClientBuilder(c).Build());

    private T Build<TConfig, T>(TConfig config, IReadOnlyDictionary<string, string> specific, string kind, Func<TConfig, T> build)
        where TConfig : ClientConfig
    {
        config.BootstrapServers = bootstrap;
        config.ClientId ??= $"harness-replicator-{alias}-{kind}";
        foreach (var (key, value) in overrides.Common.Concat(specific))
        {
            config.Set(key, value);
        }

        try
        {
            return build(config);
        }
        catch (Exception e) when (e is ArgumentException or KafkaException or InvalidOperationException)
        {
            throw new ReplicatorConfigException($"{alias} {kind} settings: librdkafka refuses them: {e.Message.ReplaceLineEndings(" ")}");
        }
    }
}
