using Harness.Engine.Safety;
using Confluent.Kafka;
using Confluent.Kafka.Admin;
using Harness.Engine.Clients;
using Harness.Engine.Runs;

namespace Harness.Engine.Orchestration;

/// <summary>Creates a run's topics on a cluster through the admin API.</summary>
internal static class TopicPreparer
{
    public static async Task CreateAsync(KafkaEndpoint bootstrap, IEnumerable<TopicSpecification> topics, string clusterRole)
    {
        var authentication = new AuthenticationWatch();
        using var admin = new AdminClientBuilder(bootstrap.Admin("harness-prepare")).SetLogHandler(ClientLog.Current.Write).SetErrorHandler(authentication.Handle).Build();
        var list = topics.ToList();
        if (list.Count == 0)
        {
            return;
        }

        try
        {
            var brokers = admin.GetMetadata(TimeSpan.FromSeconds(15)).Brokers.Count;
            foreach (var topic in list)
            {
                topic.ReplicationFactor = (short)Math.Min(topic.ReplicationFactor, Math.Max(brokers, 1));
            }

            await admin.CreateTopicsAsync(list, new CreateTopicsOptions { RequestTimeout = TimeSpan.FromSeconds(30) }).ConfigureAwait(false);
        }
        catch (CreateTopicsException e) when (e.Results.All(r => r.Error.Code is ErrorCode.NoError or ErrorCode.TopicAlreadyExists))
        {
            // Already there (an external cluster reused between runs): the run still starts from their current end.
        }
        catch (CreateTopicsException e)
        {
            var first = e.Results.First(r => r.Error.IsError);
            throw new HarnessException($"could not create topic '{first.Topic}' on the {clusterRole} cluster at {bootstrap}: {first.Error.Reason}");
        }
        catch (KafkaException e)
        {
            throw ClusterErrors.Unreachable(clusterRole, bootstrap, authentication.Last ?? e.Error);
        }
    }
}
