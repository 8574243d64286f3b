using Harness.RdKafka;
using Confluent.Kafka;
using Confluent.Kafka.Admin;
using Harness.Engine.Clients;

namespace Harness.Engine.Safety.Preflight;

/// <summary>
/// Reads one cluster for the pre-flight checks with describe requests only (DescribeCluster, ListGroups, Metadata,
/// DescribeConfigs, DescribeAcls): nothing is created, changed or produced.
/// </summary>
public static class ClusterReader
{
    private const string NoAuthorizerSummary = "no authorizer";
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(15);

    /// <summary>The <paramref name="role"/> cluster at <paramref name="endpoint"/> as it is now, for <paramref name="topics"/>.</summary>
    /// <exception cref="Runs.HarnessException">It cannot be reached or authenticated to (exit 3).</exception>
    public static async Task<ClusterSnapshot> ReadAsync(KafkaEndpoint endpoint, string role, string principal, bool startedByHarness, IReadOnlyList<string> topics)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        ArgumentNullException.ThrowIfNull(topics);
        var versions = new ApiVersionLog();
        var authentication = new AuthenticationWatch();
        var config = endpoint.Admin("harness-preflight");
        config.Debug = "feature";
        using var admin = new AdminClientBuilder(config)
            .SetLogHandler((client, message) =>
            {
                // debug=feature is asked only for the ApiVersions lines; the rest of the debug chatter stays out of the log.
                if (!versions.Add(message) && message.Level <= SyslogLevel.Warning)
                {
                    ClientLog.Current.Write(client, message);
                }
            })
            .SetErrorHandler(authentication.Handle)
            .Build();
        var problems = new List<string>();
        IReadOnlySet<string>? clusterOperations = null;
        int brokers;
        int? brokerId = null;
        try
        {
            var cluster = await admin.DescribeClusterAsync(new DescribeClusterOptions { IncludeAuthorizedOperations = true, RequestTimeout = Timeout }).ConfigureAwait(false);
            brokers = cluster.Nodes.Count;
            brokerId = cluster.Nodes.FirstOrDefault()?.Id;
            clusterOperations = cluster.AuthorizedOperations?.Select(KafkaNames.Operation).ToHashSet(StringComparer.Ordinal);
        }
        catch (KafkaException e) when (!ClusterErrors.IsAuthentication(authentication.Last ?? e.Error) && e.Error.Code != ErrorCode.Local_Transport)
        {
            // Brokers before 2.8 have no DescribeCluster: the broker list still comes from Metadata.
            problems.Add($"DescribeCluster: {e.Error.Reason}");
            var metadata = admin.GetMetadata(Timeout);
            brokers = metadata.Brokers.Count;
            brokerId = metadata.Brokers.FirstOrDefault()?.BrokerId;
        }
        catch (KafkaException e)
        {
            throw ClusterErrors.Unreachable(role, endpoint, authentication.Last ?? e.Error);
        }

        // ListGroups goes to every broker, so each one's ApiVersions handshake is in the log afterwards.
        try
        {
            await ConsumerGroupIds.ListAsync(admin, Timeout).ConfigureAwait(false);
        }
        catch (KafkaException e)
        {
            problems.Add($"ListGroups: {e.Error.Reason}");
        }

        var snapshot = new ClusterSnapshot(role, principal)
        {
            StartedByHarness = startedByHarness,
            ClusterOperations = clusterOperations,
            Topics = await TopicsAsync(admin, topics, problems).ConfigureAwait(false),
        };
        var (acls, summary) = await AclsAsync(admin, brokerId, clusterOperations).ConfigureAwait(false);
        var apis = await WaitForBrokersAsync(versions, brokers).ConfigureAwait(false);
        return snapshot with
        {
            ApisByBroker = apis,
            Acls = acls,
            AclSummary = summary,
            NoAuthorizer = summary.StartsWith(NoAuthorizerSummary, StringComparison.Ordinal),
            Problem = problems.Count == 0 ? null : string.Join("; ", problems),
        };
    }

    private static async Task<IReadOnlyDictionary<string, IReadOnlyDictionary<short, (short Min, short Max)>>> WaitForBrokersAsync(ApiVersionLog versions, int brokers)
    {
        // The log callback can trail the requests it describes by a moment.
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(5);
        while (versions.Brokers.Count < brokers && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20).ConfigureAwait(false);
        }

        return versions.Brokers;
    }

    private static async Task<IReadOnlyDictionary<string, TopicSnapshot>> TopicsAsync(IAdminClient admin, IReadOnlyList<string> names, List<string> problems)
    {
        var topics = names.Distinct(StringComparer.Ordinal).ToDictionary(n => n, n => new TopicSnapshot(n), StringComparer.Ordinal);
        if (topics.Count == 0)
        {
            return topics;
        }

        List<TopicDescription> described;
        try
        {
            described = (await admin.DescribeTopicsAsync(TopicCollection.OfTopicNames(topics.Keys), new DescribeTopicsOptions { IncludeAuthorizedOperations = true, RequestTimeout = Timeout })
                .ConfigureAwait(false)).TopicDescriptions;
        }
        catch (DescribeTopicsException e)
        {
            described = e.Results.TopicDescriptions;
        }
        catch (KafkaException e)
        {
            problems.Add($"topics: {e.Error.Reason}");
            return topics;
        }

        foreach (var topic in described.Where(d => topics.ContainsKey(d.Name)))
        {
            topics[topic.Name] = topic.Error.Code switch
            {
                ErrorCode.NoError => new TopicSnapshot(topic.Name)
                {
                    Exists = true,
                    Partitions = topic.Partitions.Count,
                    ReplicationFactor = topic.Partitions.FirstOrDefault()?.Replicas.Count ?? 0,
                    Operations = topic.AuthorizedOperations?.Select(KafkaNames.Operation).ToHashSet(StringComparer.Ordinal),
                },
                ErrorCode.TopicAuthorizationFailed => new TopicSnapshot(topic.Name) { DescribeDenied = true },
                _ => new TopicSnapshot(topic.Name),
            };
        }

        var existing = topics.Values.Where(t => t.Exists).Select(t => new ConfigResource { Type = ResourceType.Topic, Name = t.Name }).ToList();
        if (existing.Count == 0)
        {
            return topics;
        }

        List<DescribeConfigsResult> configs;
        try
        {
            configs = await admin.DescribeConfigsAsync(existing, new DescribeConfigsOptions { RequestTimeout = Timeout }).ConfigureAwait(false);
        }
        catch (DescribeConfigsException e)
        {
            configs = [.. e.Results.Where(r => !r.Error.IsError).Select(r => new DescribeConfigsResult { ConfigResource = r.ConfigResource, Entries = r.Entries })];
            problems.AddRange(e.Results.Where(r => r.Error.IsError).Select(r => $"configs of {r.ConfigResource.Name}: {r.Error.Reason}"));
        }
        catch (KafkaException e)
        {
            problems.Add($"configs: {e.Error.Reason}");
            return topics;
        }

        foreach (var result in configs.Where(r => topics.ContainsKey(r.ConfigResource.Name)))
        {
            topics[result.ConfigResource.Name] = topics[result.ConfigResource.Name] with
            {
                Configs = result.Entries.Values.Where(e => e.Value is not null).ToDictionary(e => e.Name, e => e.Value, StringComparer.Ordinal),
            };
        }

        return topics;
    }

    private static async Task<(IReadOnlyList<AclEntry>? Acls, string Summary)> AclsAsync(IAdminClient admin, int? brokerId, IReadOnlySet<string>? clusterOperations)
    {
        var any = new AclBindingFilter
        {
            PatternFilter = new ResourcePatternFilter { Type = ResourceType.Any, ResourcePatternType = ResourcePatternType.Any },
            EntryFilter = new AccessControlEntryFilter { Operation = AclOperation.Any, PermissionType = AclPermissionType.Any },
        };
        List<AclBinding> bindings;
        try
        {
            bindings = (await admin.DescribeAclsAsync(any, new DescribeAclsOptions { RequestTimeout = Timeout }).ConfigureAwait(false)).AclBindings;
        }
        catch (KafkaException e)
        {
            return (null, $"not visible: {e.Error.Reason}");
        }

        if (bindings.Count > 0)
        {
            return ([.. bindings.Select(KafkaNames.Entry)], $"{bindings.Count} ACLs visible");
        }

        // librdkafka drops DescribeAcls' error code: SECURITY_DISABLED, CLUSTER_AUTHORIZATION_FAILED and "no ACLs" all
        // arrive as an empty list. The broker's authorizer.class.name tells the first apart; DESCRIBE on the cluster the last.
        var authorizer = brokerId is null ? null : await AuthorizerAsync(admin, brokerId.Value).ConfigureAwait(false);
        return authorizer switch
        {
            "" => ([], NoAuthorizerSummary + " (authorizer.class.name is empty): every principal may do everything"),
            not null when clusterOperations?.Contains("DESCRIBE") == true => ([], $"none defined ({authorizer})"),
            _ when clusterOperations?.Contains("DESCRIBE") == true => ([], "none defined"),
            _ => (null, "not visible: DescribeAcls answered an empty list, which librdkafka also gives for no DESCRIBE on the cluster or no authorizer"),
        };
    }

    private static async Task<string?> AuthorizerAsync(IAdminClient admin, int brokerId)
    {
        try
        {
            var broker = new ConfigResource { Type = ResourceType.Broker, Name = brokerId.ToString(System.Globalization.CultureInfo.InvariantCulture) };
            var result = await admin.DescribeConfigsAsync([broker], new DescribeConfigsOptions { RequestTimeout = Timeout }).ConfigureAwait(false);
            return result.Single().Entries.TryGetValue("authorizer.class.name", out var entry) ? entry.Value ?? "" : null;
        }
        catch (KafkaException)
        {
            return null;
        }
    }
}
