using System.Text.RegularExpressions;
using Harness.Engine.Load.Model;
using YamlDotNet.RepresentationModel;

namespace Harness.Engine.Scenarios.Parsing;

/// <summary>Reads one entry of <c>topics</c>.</summary>
internal static partial class TopicReader
{
    public const long MaxRecords = 1_000_000_000_000;

    public const string NameExpected = "a topic name of letters, digits, '.', '_' and '-', up to 249 characters";

    private const string ProducerExpected = "a mapping such as {acks: all, lingerMs: 5, batchSize: 16KiB, idempotence: true}";

    private static readonly string[] Keys =
        ["name", "partitions", "rate", "records", "duration", "size", "keys", "volume", "headers", "compression", "stamp", "producers", "producer", "configs", "tombstones"];

    private static readonly Choices<TopicVolume> Volumes = new(
        ("high", TopicVolume.High),
        ("medium", TopicVolume.Medium),
        ("low", TopicVolume.Low));

    private static readonly Choices<CompressionCodec> Codecs = new(
        ("none", CompressionCodec.None),
        ("gzip", CompressionCodec.Gzip),
        ("snappy", CompressionCodec.Snappy),
        ("lz4", CompressionCodec.Lz4),
        ("zstd", CompressionCodec.Zstd));

    private static readonly Choices<StampPlacement> Stamps = new(
        ("value", StampPlacement.Value),
        ("header", StampPlacement.Header));

    private static readonly Choices<AcksMode> Acks = new(
        ("all", AcksMode.All),
        ("-1", AcksMode.All),
        ("leader", AcksMode.Leader),
        ("1", AcksMode.Leader),
        ("none", AcksMode.None),
        ("0", AcksMode.None));

    /// <summary>Reads a topic; its name goes into <paramref name="names"/> even when other fields are wrong, so later references do not cascade.</summary>
    public static TopicSpec? Read(ParseContext context, YamlNode node, string path, Dictionary<string, string> names)
    {
        if (context.AsMapping(node, path, "a topic mapping such as {name: orders, partitions: 6, rate: 500, records: 10000}") is not { } mapping)
        {
            return null;
        }

        var reader = new MappingReader(context, mapping, path, Keys);
        var name = ReadName(reader, names);
        var partitions = reader.Integer("partitions", 1, 10_000, required: true);
        var rateNode = reader.Value("rate", required: true, RateReader.Expected);
        var rate = rateNode is null ? null : RateReader.Read(context, rateNode, reader.PathOf("rate"));
        var records = reader.Integer("records", 1, MaxRecords);
        var duration = reader.Duration("duration", positive: true);
        var valid = name is not null && partitions is not null && rate is not null
            && (reader.Find("records") is null || records is not null)
            && (reader.Find("duration") is null || duration is not null);

        if (reader.Find("records") is not null && reader.Find("duration") is not null)
        {
            context.Report(reader.KeyNode("duration")!, $"{path} gives both records and duration", "one of records or duration: the load ends at a count or at a time");
            valid = false;
        }
        else if (rate is not null && reader.Find("records") is null && reader.Find("duration") is null && rate.NaturalDuration is null)
        {
            context.Report(mapping, $"{path} has no end: its rate goes on for ever", "records: N or duration: 30s (or a rate with its own length, such as {inject: 500, during: 30s})");
            valid = false;
        }
        else if (valid && rate is OpenLoadModel open && !Reaches(open.Shape, records, duration))
        {
            context.Report(rateNode!, $"{reader.PathOf("rate")} falls to zero before {records} records are sent", "a rate that stays positive, or fewer records");
            valid = false;
        }

        var size = Optional(reader, "size", (n, p) => DistributionReader.ReadSize(context, n, p), new FixedSize(TopicSpec.DefaultSize), ref valid);
        var keys = Optional<KeyDistribution>(reader, "keys", (n, p) => DistributionReader.ReadKeys(context, n, p), NoKeys.Instance, ref valid);
        var headers = Optional(reader, "headers", (n, p) => DistributionReader.ReadHeaders(context, n, p), HeaderShape.None, ref valid);
        var volume = reader.Choice("volume", Volumes);
        var compression = reader.Choice("compression", Codecs);
        var stamp = reader.Choice("stamp", Stamps);
        var producers = reader.Integer("producers", 1, 64);
        var producer = Optional(reader, "producer", (n, p) => ReadProducer(context, n, p), ProducerSettings.Default, ref valid);
        var configs = reader.StringMap("configs", "a mapping of topic configs such as {retention.ms: 86400000, cleanup.policy: delete}");
        var tombstones = reader.Find("tombstones") is { } tombstoneNode
            ? context.Fraction(tombstoneNode, reader.PathOf("tombstones"), "a share of keyed records such as 5% or 0.05")
            : 0;
        valid &= tombstones is not null && ValidKeyed(context, reader, mapping, keys, configs, producer);
        valid &= (reader.Find("volume") is null || volume is not null)
            && (reader.Find("compression") is null || compression is not null)
            && (reader.Find("stamp") is null || stamp is not null)
            && (reader.Find("producers") is null || producers is not null);

        if (!valid)
        {
            return null;
        }

        return new TopicSpec
        {
            Name = name!,
            Partitions = (int)partitions!.Value,
            Rate = rate!,
            Records = records,
            Duration = duration,
            Size = size!,
            Keys = keys!,
            Volume = volume,
            Headers = headers!,
            Compression = compression ?? CompressionCodec.None,
            Stamp = stamp ?? StampPlacement.Value,
            Producers = (int)(producers ?? 1),
            Producer = producer!,
            Configs = configs,
            Tombstones = tombstones!.Value,
            Location = context.Locate(mapping),
        };
    }

    private static string? ReadName(MappingReader reader, Dictionary<string, string> names)
    {
        if (reader.Text("name", required: true, NameExpected) is not { } name)
        {
            return null;
        }

        var node = reader.Find("name")!;
        if (name.Length > 249 || name is "." or ".." || !TopicName().IsMatch(name))
        {
            reader.Context.Report(node, $"{reader.PathOf("name")} is {ParseContext.Describe(node)}, not a legal Kafka topic name", NameExpected);
            return null;
        }

        if (names.TryGetValue(name, out var first))
        {
            reader.Context.Report(node, $"duplicate topic name '{name}' in {reader.Path} (first declared in {first})", "unique topic names");
            return null;
        }

        names[name] = reader.Path;
        return name;
    }

    private static bool Reaches(RateShape shape, long? records, TimeSpan? duration)
    {
        try
        {
            _ = new InjectionSchedule(shape, records, duration);
            return true;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    private static T? Optional<T>(MappingReader reader, string key, Func<YamlNode, string, T?> read, T fallback, ref bool valid)
        where T : class
    {
        if (reader.Find(key) is not { } node)
        {
            return fallback;
        }

        var value = read(node, reader.PathOf(key));
        valid &= value is not null;
        return value;
    }

    private static ProducerSettings? ReadProducer(ParseContext context, YamlNode node, string path)
    {
        if (context.AsMapping(node, path, ProducerExpected) is not { } mapping)
        {
            return null;
        }

        var reader = new MappingReader(context, mapping, path, ["acks", "lingerMs", "batchSize", "idempotence", "transactional", "transactionRecords", "abortEvery"]);
        var acks = reader.Choice("acks", Acks);
        var linger = reader.Integer("lingerMs", 0, 300_000);
        var batch = reader.ByteSize("batchSize", 1, DistributionReader.MaxSize);
        var idempotence = reader.Boolean("idempotence");
        var transactional = reader.Boolean("transactional");
        var transactionRecords = reader.Integer("transactionRecords", 1, 1_000_000);
        var abortEvery = reader.Integer("abortEvery", 0, 1_000_000);
        if ((reader.Find("acks") is not null && acks is null)
            || (reader.Find("lingerMs") is not null && linger is null)
            || (reader.Find("batchSize") is not null && batch is null)
            || (reader.Find("idempotence") is not null && idempotence is null)
            || (reader.Find("transactional") is not null && transactional is null)
            || (reader.Find("transactionRecords") is not null && transactionRecords is null)
            || (reader.Find("abortEvery") is not null && abortEvery is null))
        {
            return null;
        }

        var mode = acks ?? AcksMode.All;
        if (idempotence == true && mode != AcksMode.All)
        {
            context.Report(reader.Find("idempotence")!, $"{reader.PathOf("idempotence")} is true but acks is not all", "idempotence: false, or acks: all (idempotence requires it)");
            return null;
        }

        if (!ValidTransactions(context, reader, transactional == true, mode, idempotence))
        {
            return null;
        }

        return new ProducerSettings
        {
            Acks = mode,
            LingerMs = (int?)linger,
            BatchSize = (int?)batch,
            Idempotence = idempotence ?? mode == AcksMode.All,
            Transactional = transactional == true,
            TransactionRecords = (int?)transactionRecords ?? ProducerSettings.DefaultTransactionRecords,
            AbortEvery = (int?)abortEvery ?? 0,
        };
    }

    /// <summary>
    /// A transactional producer is an idempotent one with acks all (Kafka refuses anything else), and the transaction
    /// keys mean nothing without <c>transactional: true</c>: each mistake is reported where it was written.
    /// </summary>
    private static bool ValidTransactions(ParseContext context, MappingReader reader, bool transactional, AcksMode acks, bool? idempotence)
    {
        if (!transactional)
        {
            foreach (var key in (string[])["transactionRecords", "abortEvery"])
            {
                if (reader.Find(key) is { } node)
                {
                    context.Report(node, $"{reader.PathOf(key)} is set but the producer is not transactional", "transactional: true, or remove " + key);
                    return false;
                }
            }

            return true;
        }

        if (acks != AcksMode.All)
        {
            context.Report(reader.Find("acks")!, $"{reader.PathOf("acks")} is not all but the producer is transactional", "acks: all (transactions require it)");
            return false;
        }

        if (idempotence == false)
        {
            context.Report(reader.Find("idempotence")!, $"{reader.PathOf("idempotence")} is false but the producer is transactional", "idempotence: true, or leave it out (transactions require it)");
            return false;
        }

        return true;
    }

    /// <summary>
    /// Tombstones delete a key, so they need keys. A compacted keyed topic's per-key check follows the latest record
    /// each producer sent, which an aborted transaction would take back: it is verified for plain producers only.
    /// </summary>
    private static bool ValidKeyed(ParseContext context, MappingReader reader, YamlMappingNode mapping, KeyDistribution? keys,
        IReadOnlyDictionary<string, string> configs, ProducerSettings? producer)
    {
        var keyless = keys is NoKeys;
        if (reader.Find("tombstones") is { } tombstones && keyless)
        {
            context.Report(tombstones, $"{reader.PathOf("tombstones")} is set but the topic has no keys", "keys: {dist: zipf, count: 1000}, or remove tombstones");
            return false;
        }

        if (TopicSpec.IsCompacted(configs) && !keyless && producer?.Transactional == true)
        {
            context.Report(reader.Find("producer") ?? mapping, $"{reader.Where} is compacted and transactional, which the verifier cannot judge per key yet", "a plain producer on the compacted topic, or cleanup.policy: delete");
            return false;
        }

        return true;
    }

    [GeneratedRegex("^[a-zA-Z0-9._-]+$")]
    private static partial Regex TopicName();
}
