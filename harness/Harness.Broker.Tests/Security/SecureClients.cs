using System.Diagnostics;
using Confluent.Kafka;
using Harness.Broker.Cluster;
using Harness.Broker.Security;

namespace Harness.Broker.Tests.Security;

/// <summary>Confluent.Kafka settings for a secured embedded cluster, and a produce-then-read round trip through them.</summary>
internal static class SecureClients
{
    public static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    /// <summary>Copies the cluster's protocol and CA, and the given SASL mechanism and login, into a client config.</summary>
    public static T Secure<T>(this T config, EmbeddedCluster cluster, string? mechanism = null, string? user = null, string? password = null)
        where T : ClientConfig
    {
        config.BootstrapServers = cluster.BootstrapServers;
        config.Set("security.protocol", cluster.SecurityProtocol.ToKafkaName().ToLowerInvariant());
        if (cluster.CaFile is { } ca)
        {
            config.SslCaLocation = ca;
        }

        if (mechanism == SaslMechanisms.OAuthBearer)
        {
            config.Set("sasl.mechanism", mechanism);
            config.EnableSaslOauthbearerUnsecureJwt = true;
            config.SaslOauthbearerConfig = $"principal={user}";
        }
        else if (mechanism is not null)
        {
            config.Set("sasl.mechanism", mechanism);
            config.SaslUsername = user;
            config.SaslPassword = password;
        }

        return config;
    }

    /// <summary>Produces <paramref name="count"/> records and reads them back from the beginning; returns what went wrong, or null.</summary>
    public static string? RoundTrip(EmbeddedCluster cluster, string topic, int count, Func<ClientConfig, ClientConfig> secure)
    {
        var producerConfig = (ProducerConfig)secure(new ProducerConfig { Acks = Acks.All, EnableIdempotence = true, LingerMs = 5 });
        using (var producer = new ProducerBuilder<string, string>(producerConfig).Build())
        {
            for (var i = 0; i < count; i++)
            {
                producer.Produce(topic, new Message<string, string> { Key = $"k{i}", Value = $"v{i}" });
            }

            if (producer.Flush(Deadline) > 0)
            {
                return $"records still undelivered after {Deadline}";
            }
        }

        var total = Enumerable.Range(0, 3).Sum(p => cluster.HighWatermark(topic, p));
        if (total != count)
        {
            return $"{total} of {count} records stored";
        }

        var consumerConfig = (ConsumerConfig)secure(new ConsumerConfig { GroupId = "secure-readers", AutoOffsetReset = AutoOffsetReset.Earliest, EnableAutoCommit = true });
        using var consumer = new ConsumerBuilder<string, string>(consumerConfig).Build();
        consumer.Subscribe(topic);
        var seen = new HashSet<string>();
        var clock = Stopwatch.StartNew();
        while (seen.Count < count && clock.Elapsed < Deadline)
        {
            if (consumer.Consume(TimeSpan.FromMilliseconds(200)) is { } result)
            {
                seen.Add(result.Message.Value);
            }
        }

        consumer.Commit();
        consumer.Close();
        return seen.Count == count ? null : $"read {seen.Count} of {count} records within {Deadline}";
    }

    /// <summary>The error a metadata request ends with, or null when it succeeds.</summary>
    public static Error? MetadataError(ClientConfig config)
    {
        var errors = new List<Error>();
        using var admin = new AdminClientBuilder(config).SetErrorHandler((_, e) => { lock (errors) { errors.Add(e); } }).Build();
        try
        {
            admin.GetMetadata(TimeSpan.FromSeconds(10));
            return null;
        }
        catch (KafkaException e)
        {
            lock (errors)
            {
                return errors.FirstOrDefault(x => x.Code is ErrorCode.SaslAuthenticationFailed or ErrorCode.Local_Authentication or ErrorCode.Local_Ssl) ?? e.Error;
            }
        }
    }
}
