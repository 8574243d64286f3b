using Confluent.Kafka;
using Harness.RdKafka;
using Harness.Replicator.Configuration;

namespace Harness.Replicator.Clients;

/// <summary>
/// Builds the librdkafka clients of one cluster with the user's overrides applied last, and turns a property
/// librdkafka refuses into a <see cref="ReplicatorConfigException"/> that names the cluster and the property.
/// </summary>
internal sealed class KafkaClients(string alias, string bootstrap, ClusterClientSettings overrides, ClientLog log)
{
    public string Alias => alias;

    public string Bootstrap => bootstrap;

    /// <summary>
    /// Has librdkafka check the user's overrides before anything connects: builds each kind of client that has
    /// overrides once, without bootstrap servers. Kinds without overrides carry only the replicator's own settings.
    /// </summary>
    public void Validate()
    {
        var all = overrides.Common.Count > 0;
        var checks = new List<Action>();
        if (all || overrides.Consumer.Count > 0)
        {
            checks.Add(() => Build(new ConsumerConfig { GroupId = "validate" }, overrides.Consumer, "consumer", null, c => new ConsumerBuilder<byte[]?, byte[]?>(c).SetLogHandler((_, _) => { }).Build()).Dispose());
        }

        if (all || overrides.Producer.Count > 0)
        {
            checks.Add(() => Build(new ProducerConfig(), overrides.Producer, "producer", null, c => new ProducerBuilder<byte[]?, byte[]?>(c).SetLogHandler((_, _) => { }).Build()).Dispose());
        }

        if (all || overrides.Admin.Count > 0)
        {
            checks.Add(() => Build(new AdminClientConfig(), overrides.Admin, "admin", null, c => new AdminClientBuilder(c).SetLogHandler((_, _) => { }).Build()).Dispose());
        }

        // Destroying a librdkafka client takes a while; the checks run side by side.
        var failures = checks.AsParallel().Select(check =>
        {
            try
            {
                check();
                return null;
            }
            catch (ReplicatorConfigException e)
            {
                return e;
            }
        }).Where(e => e is not null).ToList();
        if (failures.Count > 0)
        {
            throw failures[0]!;
        }
    }

    public IConsumer<byte[]?, byte[]?> Consumer(ConsumerConfig config) =>
        Build(config, overrides.Consumer, "consumer", bootstrap, c => new ConsumerBuilder<byte[]?, byte[]?>(c).SetLogHandler((_, m) => log.Handle(m)).Build());

    public IProducer<byte[]?, byte[]?> Producer(ProducerConfig config, Action<Error>? onError = null) =>
        Build(config, overrides.Producer, "producer", bootstrap, c =>
        {
            var builder = new ProducerBuilder<byte[]?, byte[]?>(c).SetLogHandler((_, m) => log.Handle(m));
            if (onError is not null)
            {
                builder.SetErrorHandler((_, error) => onError(error));
            }

            return builder.Build();
        });

    /// <summary>
    /// The same consumer as <see cref="Consumer"/> (settings, overrides, log), without Confluent.Kafka's per-record
    /// marshalling: for the replication hot path.
    /// </summary>
    public NativeConsumer NativeConsumer(ConsumerConfig config) =>
        Build(config, overrides.Consumer, "consumer", bootstrap, c => new NativeConsumer(Native(c), log.Handle));

    /// <summary>The same producer as <see cref="Producer"/>, without a managed delivery report per record.</summary>
    public NativeProducer NativeProducer(ProducerConfig config) =>
        Build(config, overrides.Producer, "producer", bootstrap, c => new NativeProducer(Native(c), null, log.Handle));

    /// <summary>An admin client; <paramref name="quiet"/> drops its log (its failures surface as exceptions).</summary>
    public IAdminClient Admin(bool quiet = false) =>
        Build(new AdminClientConfig(), overrides.Admin, "admin", bootstrap, c => new AdminClientBuilder(c)
            .SetLogHandler((_, m) => (quiet ? ClientLog.Silent : log).Handle(m)).Build());

    /// <summary>librdkafka's properties of a Confluent.Kafka configuration: its own <c>dotnet.*</c> ones are not librdkafka's.</summary>
    private static Dictionary<string, string> Native(ClientConfig config) =>
        config.Where(p => !p.Key.StartsWith("dotnet.", StringComparison.Ordinal)).ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);

    private T Build<TConfig, T>(TConfig config, IReadOnlyDictionary<string, string> specific, string kind, string? servers, Func<TConfig, T> build)
        where TConfig : ClientConfig
    {
        if (servers is not null)
        {
            config.BootstrapServers = servers;
        }

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
