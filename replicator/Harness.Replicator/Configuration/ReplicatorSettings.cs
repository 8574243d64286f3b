using System.Globalization;
using System.Text.RegularExpressions;
using Harness.Mm2.Policies;
using Harness.Mm2.Records;

namespace Harness.Replicator.Configuration;

/// <summary>
/// The resolved settings of one replication flow (source → target), read from MM2-style properties by
/// <see cref="ReplicatorSettingsReader"/>. Defaults are MirrorMaker 2's unless a property says otherwise.
/// </summary>
public sealed record ReplicatorSettings
{
    /// <summary>Alias of the source cluster.</summary>
    public required string SourceAlias { get; init; }

    /// <summary>Alias of the target cluster.</summary>
    public required string TargetAlias { get; init; }

    /// <summary>Bootstrap servers of the source.</summary>
    public required string SourceBootstrap { get; init; }

    /// <summary>Bootstrap servers of the target.</summary>
    public required string TargetBootstrap { get; init; }

    /// <summary>Topics to replicate: full-match regexes (MM2 <c>topics</c>, default ".*").</summary>
    public IReadOnlyList<Regex> Topics { get; init; } = [Matcher(".*")];

    /// <summary>Topics never replicated (MM2 <c>topics.exclude</c>).</summary>
    public IReadOnlyList<Regex> TopicsExclude { get; init; } = DefaultTopicsExclude;

    /// <summary>Consumer groups to checkpoint (MM2 <c>groups</c>, default ".*").</summary>
    public IReadOnlyList<Regex> Groups { get; init; } = [Matcher(".*")];

    /// <summary>Consumer groups never checkpointed (MM2 <c>groups.exclude</c>).</summary>
    public IReadOnlyList<Regex> GroupsExclude { get; init; } = DefaultGroupsExclude;

    /// <summary>Naming of remote topics.</summary>
    public IReplicationPolicy Policy { get; init; } = new DefaultReplicationPolicy();

    /// <summary>
    /// Whether records are copied: topics discovered, tasks planned, progress kept. True for every MM2 flow; false for
    /// the Connect stand-in's checkpoint and heartbeat connectors, which in Connect only emit and copy nothing.
    /// </summary>
    public bool CopyRecords { get; init; } = true;

    /// <summary>Number of parallel workers (MM2 <c>tasks.max</c>, default 1).</summary>
    public int TasksMax { get; init; } = 1;

    /// <summary>MM2 <c>offset.lag.max</c>, default 100: how far a partition may run past its last offset sync.</summary>
    public long OffsetLagMax { get; init; } = 100;

    /// <summary>MM2 <c>emit.offset-syncs.enabled</c>, default true.</summary>
    public bool EmitOffsetSyncs { get; init; } = true;

    /// <summary>MM2 <c>offset-syncs.topic.location</c>, default source.</summary>
    public OffsetSyncsTopicLocation OffsetSyncsLocation { get; init; } = OffsetSyncsTopicLocation.Source;

    /// <summary>MM2 <c>emit.checkpoints.enabled</c>, default true.</summary>
    public bool EmitCheckpoints { get; init; } = true;

    /// <summary>MM2 <c>emit.checkpoints.interval.seconds</c>, default 60.</summary>
    public TimeSpan CheckpointsInterval { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>MM2 <c>sync.group.offsets.enabled</c>, default false.</summary>
    public bool SyncGroupOffsets { get; init; }

    /// <summary>MM2 <c>sync.group.offsets.interval.seconds</c>, default 60.</summary>
    public TimeSpan SyncGroupOffsetsInterval { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>MM2 <c>emit.heartbeats.enabled</c>, default true.</summary>
    public bool EmitHeartbeats { get; init; } = true;

    /// <summary>MM2 <c>emit.heartbeats.interval.seconds</c>, default 1.</summary>
    public TimeSpan HeartbeatsInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>MM2 <c>refresh.topics.enabled</c>, default true.</summary>
    public bool RefreshTopics { get; init; } = true;

    /// <summary>MM2 <c>refresh.topics.interval.seconds</c>, default 600.</summary>
    public TimeSpan RefreshTopicsInterval { get; init; } = TimeSpan.FromSeconds(600);

    /// <summary>MM2 <c>refresh.groups.enabled</c>, default true.</summary>
    public bool RefreshGroups { get; init; } = true;

    /// <summary>MM2 <c>refresh.groups.interval.seconds</c>, default 600.</summary>
    public TimeSpan RefreshGroupsInterval { get; init; } = TimeSpan.FromSeconds(600);

    /// <summary>MM2 <c>sync.topic.configs.enabled</c>, default true.</summary>
    public bool SyncTopicConfigs { get; init; } = true;

    /// <summary>MM2 <c>config.properties.exclude</c>: topic configs never copied to remote topics.</summary>
    public IReadOnlyList<Regex> ConfigPropertiesExclude { get; init; } = DefaultConfigPropertiesExclude;

    /// <summary>MM2 <c>replication.factor</c> of created remote topics, default 2 (capped at the target's broker count).</summary>
    public short ReplicationFactor { get; init; } = 2;

    /// <summary>Replication factor of MM2's internal topics (<c>*.topic.replication.factor</c>, default 3, capped at the broker count).</summary>
    public short InternalTopicReplicationFactor { get; init; } = 3;

    /// <summary>
    /// Connect's <c>offset.storage.topic</c> when set: the topic on the target that keeps this flow's source offsets.
    /// Null for MM2's dedicated-mode default, <c>mm2-offsets.&lt;source&gt;.internal</c> (see <see cref="OffsetStorageTopic"/>).
    /// </summary>
    public string? OffsetStorageTopicSetting { get; init; }

    /// <summary>
    /// The cluster of <see cref="OffsetStorageTopic"/> when it is not the target: a Connect worker's own cluster, where
    /// Connect keeps every source connector's offsets. Null (the target) for every MM2 flow.
    /// </summary>
    public string? OffsetStorageBootstrap { get; init; }

    /// <summary>Client settings for <see cref="OffsetStorageBootstrap"/>'s cluster (a Connect worker's security). Default none.</summary>
    public ClusterClientSettings OffsetStorageClients { get; init; } = ClusterClientSettings.Empty;

    /// <summary>The topic on the target that keeps this flow's source offsets, as MM2 in dedicated mode names it unless set.</summary>
    public string OffsetStorageTopic => OffsetStorageTopicSetting ?? SourceOffset.DedicatedModeTopic(SourceAlias);

    /// <summary>Connect's <c>offset.storage.replication.factor</c>, default 3 (capped at the target's broker count).</summary>
    public short OffsetStorageReplicationFactor { get; init; } = 3;

    /// <summary>
    /// Connect's <c>offset.storage.partitions</c> of a created offsets topic. Connect's default is 25, spreading the
    /// offsets of every connector of a Connect cluster; here one flow writes it, so 1 (read at start from one partition).
    /// </summary>
    public int OffsetStoragePartitions { get; init; } = 1;

    /// <summary>
    /// How often progress is saved and delayed offset syncs are written (MM2's <c>offset.flush.interval.ms</c>;
    /// MM2's default is 60 s, 1 s here so a SIGKILL re-copies at most about a second of records).
    /// </summary>
    public TimeSpan CommitInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Timeout of admin calls and of reaching a cluster at start (MM2 <c>admin.timeout.ms</c>; MM2's default is 60 s,
    /// 15 s here so an unreachable cluster is reported soon).
    /// </summary>
    public TimeSpan AdminTimeout { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>
    /// How long source partition volumes are sampled before tasks are planned (<c>harness.tasks.volume.sample.ms</c>,
    /// default 2000; only with more than one task).
    /// </summary>
    public TimeSpan VolumeSampleWindow { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// Whether records awaiting the target's acknowledgement are also held on the managed heap, up to a Java producer's
    /// <c>buffer.memory</c> (32 MiB) per task, as MirrorMaker 2's Java clients hold them on the JVM's heap
    /// (<c>harness.records.on.heap</c>, default false). The stand-in distribution turns it on, so a small <c>-Xmx</c>
    /// presses on it as it presses on MirrorMaker 2; the replicator itself keeps them in librdkafka's native buffers.
    /// </summary>
    public bool RecordsOnHeap { get; init; }

    /// <summary>
    /// Records per second each task may copy (<c>harness.throttle.records.per.second.per.task</c>); 0, the default, is
    /// no cap. A known cap gives capacity sizing a known answer to find.
    /// </summary>
    public long ThrottleRecordsPerSecondPerTask { get; init; }

    /// <summary>
    /// Whether each commit writes every partition's latest waiting offset sync (<c>harness.mm2.offset.syncs = 3.7</c>,
    /// the default, as MM2 does since 3.7.0). With <c>3.6</c> a sync is written only when due at once (first record,
    /// <c>offset.lag.max</c>, a gap), so on a low-volume partition translation of a caught-up group stays behind the
    /// end (KAFKA-15906): kept to rehearse a replicator that predates the fix.
    /// </summary>
    public bool SyncsAtCommit { get; init; } = true;

    /// <summary>Client properties for the source cluster.</summary>
    public ClusterClientSettings SourceClients { get; init; } = ClusterClientSettings.Empty;

    /// <summary>Client properties for the target cluster.</summary>
    public ClusterClientSettings TargetClients { get; init; } = ClusterClientSettings.Empty;

    /// <summary>Deliberate defects for the verifier's own tests; empty in every real run.</summary>
    public SabotageSettings Sabotage { get; init; } = SabotageSettings.None;

    /// <summary>MM2's default topics.exclude: internal and replica topics.</summary>
    public static IReadOnlyList<Regex> DefaultTopicsExclude { get; } = [Matcher(@".*[\-\.]internal"), Matcher(@".*\.replica"), Matcher("__.*")];

    /// <summary>MM2's default groups.exclude: console consumers, Connect's own groups and internal groups.</summary>
    public static IReadOnlyList<Regex> DefaultGroupsExclude { get; } = [Matcher("console-consumer-.*"), Matcher("connect-.*"), Matcher("__.*")];

    /// <summary>MM2's default config.properties.exclude: configs that describe the source cluster, not the data.</summary>
    public static IReadOnlyList<Regex> DefaultConfigPropertiesExclude { get; } =
    [
        Matcher("follower\\.replication\\.throttled\\.replicas"), Matcher("leader\\.replication\\.throttled\\.replicas"),
        Matcher("message\\.timestamp\\.difference\\.max\\.ms"), Matcher("message\\.timestamp\\.type"),
        Matcher("unclean\\.leader\\.election\\.enable"), Matcher("min\\.insync\\.replicas"),
    ];

    /// <summary>The offset-syncs topic of this flow (in the cluster named by <see cref="OffsetSyncsLocation"/>).</summary>
    public string OffsetSyncsTopic => Policy.OffsetSyncsTopic(TargetAlias);

    /// <summary>The checkpoints topic of this flow (in the target).</summary>
    public string CheckpointsTopic => Policy.CheckpointsTopic(SourceAlias);

    /// <summary>
    /// Whether <paramref name="topic"/> is replicated by this flow: it passes the topic filter (heartbeats always
    /// do), is not internal, and did not come from the target (no cycles).
    /// </summary>
    public bool Replicates(string topic) =>
        (Policy.IsHeartbeatsTopic(topic) || (Topics.Any(r => r.IsMatch(topic)) && !TopicsExclude.Any(r => r.IsMatch(topic))))
        && !Policy.IsInternalTopic(topic)
        && !IsCycle(topic);

    /// <summary>Whether the offsets of consumer group <paramref name="group"/> are checkpointed.</summary>
    public bool ReplicatesGroup(string group) => Groups.Any(r => r.IsMatch(group)) && !GroupsExclude.Any(r => r.IsMatch(group));

    /// <summary>The name of <paramref name="topic"/> in the target.</summary>
    public string RemoteTopic(string topic) => Policy.FormatRemoteTopic(SourceAlias, topic);

    /// <summary>A full-match regex, as Java's Pattern.matches.</summary>
    public static Regex Matcher(string pattern) => new($"^(?:{pattern.Trim()})$", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));

    internal static IReadOnlyList<Regex> RegexList(string key, string value)
    {
        try
        {
            return value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(Matcher).ToList();
        }
        catch (ArgumentException e)
        {
            throw new ReplicatorConfigException($"{key}={value}: not a valid regular expression ({e.Message})");
        }
    }

    internal static int Int(string key, string value) =>
        int.TryParse(value.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n
            : throw new ReplicatorConfigException($"{key}={value}: expected an integer");

    internal static long Long(string key, string value) =>
        long.TryParse(value.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n
            : throw new ReplicatorConfigException($"{key}={value}: expected an integer");

    internal static bool Bool(string key, string value) => value.Trim().ToLowerInvariant() switch
    {
        "true" => true,
        "false" => false,
        _ => throw new ReplicatorConfigException($"{key}={value}: expected true or false"),
    };

    private bool IsCycle(string topic)
    {
        // A topic whose name says it came from the target (at any hop) would go round in circles.
        for (var current = topic; Policy.TopicSource(current) is { } source; current = Policy.UpstreamTopic(current)!)
        {
            if (source == TargetAlias)
            {
                return true;
            }

            if (Policy.UpstreamTopic(current) is not { } upstream || upstream == current)
            {
                return false;
            }
        }

        return false;
    }
}
