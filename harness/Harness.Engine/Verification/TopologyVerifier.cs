using Confluent.Kafka;
using Confluent.Kafka.Admin;
using Harness.Engine.Clients;
using Harness.Mm2.Records;
using Harness.Reports.Model;

namespace Harness.Engine.Verification;

/// <summary>
/// Config parity between the clusters: every remote topic has its source topic's partition count and the
/// topic configs set explicitly on the source (MM2 syncs them); and, for replicators that emit them, MM2
/// heartbeats are present on the target and fresh.
/// </summary>
internal static class TopologyVerifier
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(15);

    /// <summary>Configs MM2's default filter never syncs, so they are not expected on the target.</summary>
    private static readonly HashSet<string> NotSynced = new(StringComparer.Ordinal)
    {
        "follower.replication.throttled.replicas", "leader.replication.throttled.replicas", "message.timestamp.difference.max.ms",
        "message.timestamp.type", "unclean.leader.election.enable", "min.insync.replicas",
    };

    public static async Task<List<CheckResult>> CheckAsync(KafkaEndpoint sourceBootstrap, KafkaEndpoint targetBootstrap,
        IReadOnlyList<(string Source, string Target, int Partitions)> topics, bool expectConfigSync, string? heartbeatSourceAlias, DateTimeOffset replicatorStopped, TimeProvider time)
    {
        using var source = Admin(sourceBootstrap);
        using var target = Admin(targetBootstrap);
        var checks = new List<CheckResult>();
        var metadata = target.GetMetadata(Timeout).Topics.ToDictionary(t => t.Topic, StringComparer.Ordinal);
        var wrong = topics.Where(t => !metadata.TryGetValue(t.Target, out var m) || m.Error.IsError || m.Partitions.Count != t.Partitions)
            .Select(t => $"{t.Target}: {(metadata.TryGetValue(t.Target, out var m) && !m.Error.IsError ? m.Partitions.Count.ToString(System.Globalization.CultureInfo.InvariantCulture) : "missing")} of {t.Partitions}")
            .ToList();
        checks.Add(new CheckResult
        {
            Name = "remote topics have the source partition counts",
            Passed = wrong.Count == 0,
            Measured = wrong.Count == 0 ? $"{topics.Count} of {topics.Count} match" : string.Join(", ", wrong),
            Expected = "every remote topic with its source topic's partition count",
            Message = wrong.Count == 0 ? null : "records keep their partition in MM2: a different count breaks key ordering and offset translation",
        });

        if (expectConfigSync)
        {
            var sourceConfigs = await ExplicitConfigsAsync(source, topics.Select(t => t.Source)).ConfigureAwait(false);
            var targetConfigs = await ExplicitConfigsAsync(target, topics.Select(t => t.Target).Where(metadata.ContainsKey)).ConfigureAwait(false);
            var differences = new List<string>();
            foreach (var topic in topics)
            {
                foreach (var (name, value) in sourceConfigs.GetValueOrDefault(topic.Source) ?? [])
                {
                    var copied = targetConfigs.GetValueOrDefault(topic.Target)?.GetValueOrDefault(name);
                    if (copied != value)
                    {
                        differences.Add($"{topic.Target} {name}={copied ?? "(default)"} (source {value})");
                    }
                }
            }

            checks.Add(new CheckResult
            {
                Name = "synced topic configs match",
                Passed = differences.Count == 0,
                Measured = differences.Count == 0 ? $"{sourceConfigs.Values.Sum(c => c.Count)} explicit source configs found on the target" : string.Join("; ", differences.Take(5)),
                Expected = "every explicit source topic config (except those MM2 never syncs) on the remote topic",
                Message = differences.Count == 0 ? null : "the target topics would behave differently from the source (retention, compaction, limits)",
            });
        }

        if (heartbeatSourceAlias is not null)
        {
            var latest = LatestHeartbeat(targetBootstrap, heartbeatSourceAlias, time);
            var age = latest is { } at ? replicatorStopped - at : (TimeSpan?)null;
            var fresh = age is { } a && a < TimeSpan.FromSeconds(30);
            checks.Add(new CheckResult
            {
                Name = "heartbeats present and fresh",
                Passed = fresh,
                Measured = latest is null ? "no heartbeat from this source on the target" : $"last heartbeat {age!.Value.TotalSeconds:0.0}s before the replicator stopped",
                Expected = "a heartbeat within 30s of the stop",
                Message = fresh ? null : "MM2 heartbeats show the flow is alive; monitoring built on them would raise an alarm",
            });
        }

        return checks;
    }

    private static IAdminClient Admin(KafkaEndpoint bootstrap) =>
        new AdminClientBuilder(bootstrap.Admin("harness-topology"))
            .SetLogHandler(ClientLog.Current.Write).SetErrorHandler(ClientLog.Current.Error).Build();

    private static async Task<Dictionary<string, Dictionary<string, string>>> ExplicitConfigsAsync(IAdminClient admin, IEnumerable<string> topics)
    {
        var resources = topics.Select(t => new ConfigResource { Type = ResourceType.Topic, Name = t }).ToList();
        if (resources.Count == 0)
        {
            return [];
        }

        var described = await admin.DescribeConfigsAsync(resources, new DescribeConfigsOptions { RequestTimeout = Timeout }).ConfigureAwait(false);
        return described.ToDictionary(
            r => r.ConfigResource.Name,
            r => r.Entries.Values.Where(e => e.Source == ConfigSource.DynamicTopicConfig && !NotSynced.Contains(e.Name))
                .ToDictionary(e => e.Name, e => e.Value, StringComparer.Ordinal),
            StringComparer.Ordinal);
    }

    private static DateTimeOffset? LatestHeartbeat(KafkaEndpoint bootstrap, string sourceAlias, TimeProvider time)
    {
        using var consumer = new ConsumerBuilder<byte[]?, byte[]?>(bootstrap.Configure(new ConsumerConfig
        {
            GroupId = "harness-heartbeat-reader",
            EnableAutoCommit = false,
            EnablePartitionEof = true,
        })).SetLogHandler(ClientLog.Current.Write).SetErrorHandler(ClientLog.Current.Error).Build();
        var partition = new TopicPartition("heartbeats", 0);
        WatermarkOffsets marks;
        try
        {
            marks = consumer.QueryWatermarkOffsets(partition, Timeout);
        }
        catch (KafkaException)
        {
            return null;
        }

        if (marks.High.Value <= marks.Low.Value)
        {
            return null;
        }

        // The newest heartbeats are at the end: read the last few hundred.
        consumer.Assign(new TopicPartitionOffset(partition, Math.Max(marks.Low.Value, marks.High.Value - 500)));
        DateTimeOffset? latest = null;
        var started = time.GetTimestamp();
        while (time.GetElapsedTime(started) < Timeout)
        {
            var result = consumer.Consume(TimeSpan.FromMilliseconds(500));
            if (result is null)
            {
                continue;
            }

            if (result.IsPartitionEOF)
            {
                break;
            }

            try
            {
                var heartbeat = Heartbeat.Deserialize(result.Message.Key ?? [], result.Message.Value ?? []);
                if (heartbeat.SourceClusterAlias == sourceAlias)
                {
                    var at = DateTimeOffset.FromUnixTimeMilliseconds(heartbeat.Timestamp);
                    latest = latest is { } known && known > at ? known : at;
                }
            }
            catch (Harness.Mm2.Mm2FormatException)
            {
                // Not a heartbeat of MM2's format: ignored, like MM2's own readers.
            }

            if (result.Offset.Value + 1 >= marks.High.Value)
            {
                break;
            }
        }

        return latest;
    }
}
