using Harness.RdKafka;
using Confluent.Kafka;
using Harness.Engine.Clients;
using Harness.Engine.Runs;

namespace Harness.Engine.Safety;

/// <summary>The topics and consumer groups a cluster has at one moment, read with describe-only requests.</summary>
public sealed class ClusterInventory
{
    private ClusterInventory(IReadOnlySet<string> topics, IReadOnlySet<string> groups)
    {
        Topics = topics;
        Groups = groups;
    }

    /// <summary>Topic names.</summary>
    public IReadOnlySet<string> Topics { get; }

    /// <summary>Consumer group ids.</summary>
    public IReadOnlySet<string> Groups { get; }

    /// <summary>Reads the inventory of the <paramref name="role"/> cluster at <paramref name="endpoint"/>.</summary>
    /// <exception cref="HarnessException">It cannot be reached or authenticated to (exit 3).</exception>
    public static async Task<ClusterInventory> ReadAsync(KafkaEndpoint endpoint, string role)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        var authentication = new AuthenticationWatch();
        using var admin = new AdminClientBuilder(endpoint.Admin("harness-inventory")).SetLogHandler(ClientLog.Current.Write).SetErrorHandler(authentication.Handle).Build();
        try
        {
            var topics = admin.GetMetadata(TimeSpan.FromSeconds(15)).Topics.Where(t => !t.Error.IsError).Select(t => t.Topic).ToHashSet(StringComparer.Ordinal);
            var groups = await ConsumerGroupIds.ListAsync(admin, TimeSpan.FromSeconds(15)).ConfigureAwait(false);
            return new ClusterInventory(topics, groups.ToHashSet(StringComparer.Ordinal));
        }
        catch (KafkaException e)
        {
            throw ClusterErrors.Unreachable(role, endpoint, authentication.Last ?? e.Error);
        }
    }
}
