using Confluent.Kafka;
using Confluent.Kafka.Admin;
using Harness.Engine.Clients;
using Harness.Engine.Runs;
using Harness.Engine.Scenarios;
using Harness.Reports.Model;

namespace Harness.Engine.Safety;

/// <summary>
/// After a run on a cluster the harness did not start: lists what the run created there (owned names absent from the
/// inventory taken before it) and, as the cluster's <c>cleanup</c> says, deletes exactly those.
/// </summary>
public static class RunCleanup
{
    /// <summary>The resources of the <paramref name="role"/> cluster, cleaned as <paramref name="policy"/> says for a run that <paramref name="passed"/> or not.</summary>
    public static async Task<ClusterResources> RunAsync(
        string role, KafkaEndpoint endpoint, ClusterInventory before, RunOwnership ownership, CleanupPolicy policy, bool passed)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(ownership);
        var name = policy switch { CleanupPolicy.Always => "always", CleanupPolicy.OnSuccess => "on-success", _ => "never" };
        ClusterInventory after;
        try
        {
            after = await ClusterInventory.ReadAsync(endpoint, role).ConfigureAwait(false);
        }
        catch (HarnessException e)
        {
            return new ClusterResources { Cluster = role, Cleanup = name, Problem = $"could not list what the run created: {e.Message}" };
        }

        var topics = after.Topics.Where(t => !before.Topics.Contains(t) && ownership.OwnsTopic(t)).Order(StringComparer.Ordinal).ToList();
        var groups = after.Groups.Where(g => !before.Groups.Contains(g) && ownership.OwnsGroup(g)).Order(StringComparer.Ordinal).ToList();
        var resources = new ClusterResources { Cluster = role, Cleanup = name, CreatedTopics = topics, CreatedGroups = groups };
        if (policy == CleanupPolicy.Never || (policy == CleanupPolicy.OnSuccess && !passed) || (topics.Count == 0 && groups.Count == 0))
        {
            return resources;
        }

        using var admin = new AdminClientBuilder(endpoint.Admin("harness-cleanup")).SetLogHandler(ClientLog.Current.Write).SetErrorHandler(ClientLog.Current.Error).Build();
        var problems = new List<string>();
        var deletedTopics = new List<string>(topics);
        var deletedGroups = new List<string>(groups);
        if (topics.Count > 0)
        {
            try
            {
                await admin.DeleteTopicsAsync(topics, new DeleteTopicsOptions { OperationTimeout = TimeSpan.FromSeconds(30) }).ConfigureAwait(false);
            }
            catch (DeleteTopicsException e)
            {
                deletedTopics = [.. e.Results.Where(r => !r.Error.IsError).Select(r => r.Topic)];
                problems.AddRange(e.Results.Where(r => r.Error.IsError).Select(r => $"topic {r.Topic}: {r.Error.Reason}"));
            }
            catch (KafkaException e)
            {
                deletedTopics = [];
                problems.Add($"topics: {e.Error.Reason}");
            }
        }

        if (groups.Count > 0)
        {
            try
            {
                await admin.DeleteGroupsAsync(groups, new DeleteGroupsOptions { RequestTimeout = TimeSpan.FromSeconds(30) }).ConfigureAwait(false);
            }
            catch (DeleteGroupsException e)
            {
                deletedGroups = [.. e.Results.Where(r => !r.Error.IsError).Select(r => r.Group)];
                problems.AddRange(e.Results.Where(r => r.Error.IsError).Select(r => $"group {r.Group}: {r.Error.Reason}"));
            }
            catch (KafkaException e)
            {
                deletedGroups = [];
                problems.Add($"groups: {e.Error.Reason}");
            }
        }

        return resources with
        {
            DeletedTopics = deletedTopics,
            DeletedGroups = deletedGroups,
            Problem = problems.Count == 0 ? null : string.Join("; ", problems),
        };
    }
}
