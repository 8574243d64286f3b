using Harness.Engine.Load.Model;

namespace Harness.Engine.Scenarios;

/// <summary>A source topic and the load produced to it (<c>topics[]</c>).</summary>
public sealed record TopicSpec
{
    /// <summary>The value size when the scenario does not give one: 1 KiB.</summary>
    public const int DefaultSize = 1024;

    /// <summary>The topic name.</summary>
    public required string Name { get; init; }

    /// <summary>
    /// The name as the scenario declares it, before a <c>topicPrefix</c>; it seeds the record sampler, so a seed gives
    /// the same keys and sizes whatever prefix (and run id) the names carry.
    /// </summary>
    public string DeclaredName { get => field ?? Name; init; }

    /// <summary>Partitions to create.</summary>
    public required int Partitions { get; init; }

    /// <summary>When records are sent: an open model with a rate shape, or a closed model (<c>keepConstant</c>).</summary>
    public required LoadModel Rate { get; init; }

    /// <summary>Records to send in all, if the load ends at a count.</summary>
    public long? Records { get; init; }

    /// <summary>How long to send, if the load ends at a time.</summary>
    public TimeSpan? Duration { get; init; }

    /// <summary>Value sizes; <see cref="DefaultSize"/> bytes each by default.</summary>
    public SizeDistribution Size { get; init; } = new FixedSize(DefaultSize);

    /// <summary>Record keys; none by default.</summary>
    public KeyDistribution Keys { get; init; } = NoKeys.Instance;

    /// <summary>The traffic class, if the scenario gives one.</summary>
    public TopicVolume? Volume { get; init; }

    /// <summary>Application headers per record; none by default.</summary>
    public HeaderShape Headers { get; init; } = HeaderShape.None;

    /// <summary>The producer's compression codec; none by default.</summary>
    public CompressionCodec Compression { get; init; } = CompressionCodec.None;

    /// <summary>Where records carry the harness's stamp (<c>stamp</c>).</summary>
    public StampPlacement Stamp { get; init; } = StampPlacement.Value;

    /// <summary>Producer clients sharing the load; 1 by default.</summary>
    public int Producers { get; init; } = 1;

    /// <summary>Producer client settings.</summary>
    public ProducerSettings Producer { get; init; } = ProducerSettings.Default;

    /// <summary>Topic configs set at creation (<c>retention.ms</c>, <c>cleanup.policy</c>, ...).</summary>
    public IReadOnlyDictionary<string, string> Configs { get; init; } = new Dictionary<string, string>();

    /// <summary>
    /// The share of keyed records sent as tombstones (a null value, the stamp in a header), from 0 to 1; none by default.
    /// </summary>
    public double Tombstones { get; init; }

    /// <summary>
    /// Whether the topic is compacted (<c>cleanup.policy</c> names <c>compact</c>) and keyed: its records are then
    /// verified per key, since compaction on either side removes superseded records a record-by-record check would
    /// call lost. Without keys (which Kafka refuses on a compacted topic, and the embedded broker does not compact
    /// away) the topic keeps the record-by-record check.
    /// </summary>
    public bool Compacted => IsCompacted(Configs) && Keys is not NoKeys;

    /// <summary>Whether topic configs <paramref name="configs"/> ask for compaction (<c>compact</c> or <c>compact,delete</c>).</summary>
    /// <param name="configs">Topic configs.</param>
    public static bool IsCompacted(IReadOnlyDictionary<string, string> configs) =>
        configs.TryGetValue("cleanup.policy", out var policy)
        && policy.Split(',', StringSplitOptions.TrimEntries).Contains("compact", StringComparer.Ordinal);

    /// <summary>Where the topic is declared, for messages; <see langword="null"/> for topics built in code.</summary>
    public SourceLocation? Location { get; init; }

    /// <summary>
    /// The open-model schedule for the whole topic (split it with <see cref="InjectionSchedule.ForShare"/>),
    /// or <see langword="null"/> for a closed model, which has no schedule.
    /// </summary>
    public InjectionSchedule? CreateSchedule() =>
        Rate is OpenLoadModel open ? new InjectionSchedule(open.Shape, Records, Duration) : null;

    /// <summary>The record shape sampler for this topic under a scenario seed.</summary>
    /// <param name="seed">The scenario seed.</param>
    public RecordSampler CreateSampler(long seed) => new(seed, DeclaredName, Keys, Size, Headers) { Tombstones = Tombstones };
}
