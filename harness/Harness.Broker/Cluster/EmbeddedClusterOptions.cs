using Harness.Broker.Security;
using Harness.Broker.Storage;

namespace Harness.Broker.Cluster;

/// <summary>Settings of one embedded cluster. Immutable; use <c>with</c> to derive variants.</summary>
public sealed record EmbeddedClusterOptions
{
    /// <summary>Name used in logs and in <c>harness broker</c> output. Default "cluster".</summary>
    public string Name { get; init; } = "cluster";

    /// <summary>Number of logical brokers, each with its own listener. Default 3.</summary>
    public int Brokers { get; init; } = 3;

    /// <summary>Listener address. Default 127.0.0.1: the broker never listens beyond loopback.</summary>
    public string Host { get; init; } = "127.0.0.1";

    /// <summary>First listener port (broker i gets BasePort + i - 1); 0 picks ephemeral ports. Default 0.</summary>
    public int BasePort { get; init; }

    /// <summary>Mirror of Kafka's auto.create.topics.enable. Default false.</summary>
    public bool AutoCreateTopics { get; init; }

    /// <summary>Partitions of auto-created topics and of CreateTopics with -1. Default 1.</summary>
    public int DefaultPartitions { get; init; } = 1;

    /// <summary>Replication factor when a request says -1, capped at the broker count. Default 3.</summary>
    public short DefaultReplicationFactor { get; init; } = 3;

    /// <summary>
    /// How often the cleaner compacts topics with cleanup.policy compact (Kafka's log.cleaner.backoff.ms); zero turns the
    /// schedule off, leaving compaction on demand. Default 15 seconds, as Kafka's.
    /// </summary>
    public TimeSpan CompactionInterval { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>
    /// How often retention is applied to partitions nobody writes to (Kafka's log.retention.check.interval.ms; appends
    /// apply it to the partition written anyway); zero turns the schedule off. Default 30 seconds: Kafka's 5 minutes
    /// is longer than most rehearsals.
    /// </summary>
    public TimeSpan RetentionCheckInterval { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Listener security: TLS, SASL and users. Null (the default): PLAINTEXT listeners, no authentication, and no
    /// security work per request.
    /// </summary>
    public BrokerSecurity? Security { get; init; }

    /// <summary>
    /// Where partitions keep their batches: in memory or in segment files on disk. Default memory, or what the
    /// environment variable <c>HARNESS_BROKER_STORAGE</c> says (<c>memory</c> or <c>disk</c>), so a whole test suite or
    /// rehearsal can be run on disk storage without editing it.
    /// </summary>
    public StorageKind Storage { get; init; } = DefaultStorage();

    /// <summary>
    /// With disk storage, the folder under which the cluster keeps its log, in a subfolder named after the cluster (which must
    /// be absent or empty). Default: a new folder in the system's temporary folder.
    /// </summary>
    public string? DataDirectory { get; init; }

    /// <summary>With disk storage, keep the cluster's data folder when it stops. Default false: the folder is removed.</summary>
    public bool KeepData { get; init; }

    /// <summary>
    /// With disk storage, bytes of the latest batches each partition also keeps in memory, so consumers at the tail read
    /// them without a file read (at least the last batch is kept). Default 64 KiB: batches kept longer outlive the
    /// garbage collector's young generations and cost a copy per collection before they die (with 1 MiB the broker
    /// needed 2.3 x the CPU per produced record).
    /// </summary>
    public long TailCacheBytes { get; init; } = 64 << 10;

    /// <summary>The environment variable that chooses the default <see cref="Storage"/>.</summary>
    public const string StorageVariable = "HARNESS_BROKER_STORAGE";

    private static StorageKind DefaultStorage() => Environment.GetEnvironmentVariable(StorageVariable)?.Trim().ToUpperInvariant() switch
    {
        null or "" or "MEMORY" => StorageKind.Memory,
        "DISK" => StorageKind.Disk,
        _ => (StorageKind)(-1), // refused by Validate, with the variable's name
    };

    /// <summary>Checks the options; throws <see cref="ArgumentException"/> naming the bad setting.</summary>
    public void Validate()
    {
        Security?.Validate();

        if (Brokers is < 1 or > 64)
        {
            throw new ArgumentException($"Brokers must be between 1 and 64, got {Brokers}", nameof(Brokers));
        }

        if (BasePort is < 0 or > 65535)
        {
            throw new ArgumentException($"BasePort must be 0 or a TCP port, got {BasePort}", nameof(BasePort));
        }

        if (CompactionInterval < TimeSpan.Zero)
        {
            throw new ArgumentException($"CompactionInterval must not be negative, got {CompactionInterval}", nameof(CompactionInterval));
        }

        if (RetentionCheckInterval < TimeSpan.Zero)
        {
            throw new ArgumentException($"RetentionCheckInterval must not be negative, got {RetentionCheckInterval}", nameof(RetentionCheckInterval));
        }

        if (TailCacheBytes < 0)
        {
            throw new ArgumentException($"TailCacheBytes must not be negative, got {TailCacheBytes}", nameof(TailCacheBytes));
        }

        if (!Enum.IsDefined(Storage))
        {
            throw new ArgumentException(
                $"{StorageVariable} must be memory or disk, got '{Environment.GetEnvironmentVariable(StorageVariable)}'", nameof(Storage));
        }

        if (DefaultPartitions < 1)
        {
            throw new ArgumentException($"DefaultPartitions must be at least 1, got {DefaultPartitions}", nameof(DefaultPartitions));
        }
    }
}
