using Harness.Engine.Load.Model;
using YamlDotNet.RepresentationModel;

namespace Harness.Engine.Scenarios.Parsing;

/// <summary>Reads <c>topics[].size</c>, <c>topics[].keys</c> and <c>topics[].headers</c>.</summary>
internal static class DistributionReader
{
    /// <summary>The largest record value a scenario may ask for; a sanity bound, well above Kafka's defaults.</summary>
    public const long MaxSize = 64 * 1024 * 1024;

    /// <summary>The cap on a continuous distribution's tail when the scenario gives none: just under Kafka's default message limit.</summary>
    public const long DefaultMaxSize = 1_000_000;

    public const long MaxKeys = 1_000_000_000_000;

    public const string SizeExpected =
        "a size such as 512 or 1KiB, or a distribution such as {dist: uniform, min: 200, max: 1000}, "
        + "{dist: normal, mean: 600, stddev: 150}, {dist: lognormal, median: 400, sigma: 0.6} or {dist: histogram, buckets: [...]}";

    public const string KeysExpected =
        "none, sequential, or a distribution such as {dist: uniform, count: 1000}, {dist: zipf, count: 10000, exponent: 1.1} or {dist: sequential, count: 1000}";

    private const string HeadersExpected = "a mapping such as {count: 2, size: 32}";

    private static readonly Choices<SizeKind> SizeKinds = new(
        ("fixed", SizeKind.Fixed),
        ("uniform", SizeKind.Uniform),
        ("normal", SizeKind.Normal),
        ("lognormal", SizeKind.LogNormal),
        ("histogram", SizeKind.Histogram));

    private static readonly Choices<KeyKind> KeyKinds = new(
        ("none", KeyKind.None),
        ("uniform", KeyKind.Uniform),
        ("zipf", KeyKind.Zipf),
        ("sequential", KeyKind.Sequential));

    private enum SizeKind
    {
        Fixed,
        Uniform,
        Normal,
        LogNormal,
        Histogram,
    }

    private enum KeyKind
    {
        None,
        Uniform,
        Zipf,
        Sequential,
    }

    public static SizeDistribution? ReadSize(ParseContext context, YamlNode node, string path)
    {
        if (node is not YamlMappingNode mapping)
        {
            return context.ByteSize(node, path, 0, MaxSize, SizeExpected) is { } bytes ? new FixedSize((int)bytes) : null;
        }

        if (Kind(context, mapping, path, SizeKinds, SizeExpected) is not { } kind)
        {
            return null;
        }

        return kind switch
        {
            SizeKind.Fixed => ReadFixed(new MappingReader(context, mapping, path, ["dist", "size"])),
            SizeKind.Uniform => ReadUniform(new MappingReader(context, mapping, path, ["dist", "min", "max"])),
            SizeKind.Normal => ReadNormal(new MappingReader(context, mapping, path, ["dist", "mean", "stddev", "min", "max"])),
            SizeKind.LogNormal => ReadLogNormal(new MappingReader(context, mapping, path, ["dist", "median", "mu", "sigma", "min", "max"])),
            _ => ReadHistogram(new MappingReader(context, mapping, path, ["dist", "buckets"])),
        };
    }

    public static KeyDistribution? ReadKeys(ParseContext context, YamlNode node, string path)
    {
        if (node is not YamlMappingNode mapping)
        {
            return context.AsText(node, path, KeysExpected) switch
            {
                null => null,
                var text when text.Equals("none", StringComparison.OrdinalIgnoreCase) => NoKeys.Instance,
                var text when text.Equals("sequential", StringComparison.OrdinalIgnoreCase) => new SequentialKeys(null),
                var text => Unknown(text),
            };
        }

        if (Kind(context, mapping, path, KeyKinds, KeysExpected) is not { } kind)
        {
            return null;
        }

        switch (kind)
        {
            case KeyKind.None:
                _ = new MappingReader(context, mapping, path, ["dist"]);
                return NoKeys.Instance;
            case KeyKind.Uniform:
                var uniform = new MappingReader(context, mapping, path, ["dist", "count"]);
                return uniform.Integer("count", 1, MaxKeys, required: true) is { } count ? new UniformKeys(count) : null;
            case KeyKind.Sequential:
                var sequential = new MappingReader(context, mapping, path, ["dist", "count"]);
                var wrap = sequential.Integer("count", 1, MaxKeys);
                return sequential.Find("count") is not null && wrap is null ? null : new SequentialKeys(wrap);
            default:
                var zipf = new MappingReader(context, mapping, path, ["dist", "count", "exponent"]);
                var keys = zipf.Integer("count", 1, MaxKeys, required: true);
                var exponent = zipf.Find("exponent") is null ? 1.0 : zipf.Number("exponent", 0, 10, minExclusive: true);
                return keys is null || exponent is null ? null : new ZipfKeys(keys.Value, exponent.Value);
        }

        KeyDistribution? Unknown(string text)
        {
            context.Report(node, $"{path} is {ParseContext.Describe(node)}{KeySuggester.Hint(text, ["none", "sequential"])}", KeysExpected);
            return null;
        }
    }

    public static HeaderShape? ReadHeaders(ParseContext context, YamlNode node, string path)
    {
        if (context.AsMapping(node, path, HeadersExpected) is not { } mapping)
        {
            return null;
        }

        var reader = new MappingReader(context, mapping, path, ["count", "size"]);
        var count = reader.Find("count") is null ? 0 : reader.Integer("count", 0, 100);
        var size = reader.Find("size") is null ? 0 : reader.ByteSize("size", 0, 1024 * 1024);
        return count is null || size is null ? null : new HeaderShape((int)count.Value, (int)size.Value);
    }

    private static T? Kind<T>(ParseContext context, YamlMappingNode mapping, string path, Choices<T> kinds, string expected)
        where T : struct
    {
        var dist = mapping.Children.FirstOrDefault(e => e.Key is YamlScalarNode { Value: "dist" });
        if (dist.Key is null)
        {
            context.Report(mapping, $"missing required key 'dist' in {path}", expected);
            return null;
        }

        return context.Choice(dist.Value, $"{path}.dist", kinds);
    }

    private static FixedSize? ReadFixed(MappingReader reader) =>
        reader.ByteSize("size", 0, MaxSize, required: true) is { } size ? new FixedSize((int)size) : null;

    private static UniformSize? ReadUniform(MappingReader reader)
    {
        var min = reader.ByteSize("min", 0, MaxSize, required: true);
        var max = reader.ByteSize("max", 0, MaxSize, required: true);
        return min is null || max is null || !Ordered(reader, min.Value, max.Value) ? null : new UniformSize((int)min.Value, (int)max.Value);
    }

    private static NormalSize? ReadNormal(MappingReader reader)
    {
        var mean = reader.ByteSize("mean", 0, MaxSize, required: true);
        var stddev = reader.ByteSize("stddev", 0, MaxSize, required: true);
        var (min, max) = Bounds(reader);
        if (mean is null || stddev is null || min is null || max is null || !Ordered(reader, min.Value, max.Value))
        {
            return null;
        }

        return reader.Context.Build(reader.Node, reader.Path, SizeExpected, () => new NormalSize(mean.Value, stddev.Value, (int)min.Value, (int)max.Value));
    }

    private static LogNormalSize? ReadLogNormal(MappingReader reader)
    {
        var hasMedian = reader.Contains("median");
        var hasMu = reader.Contains("mu");
        if (hasMedian && hasMu)
        {
            reader.Context.Report(reader.KeyNode("mu")!, $"{reader.Path} gives both median and mu", "one of median (bytes) or mu (the mean of ln(size))");
            return null;
        }

        double? mu = hasMu
            ? reader.Number("mu", -100, 100, required: true)
            : reader.ByteSize("median", 1, MaxSize, required: true) is { } median ? Math.Log(median) : null;
        var sigma = reader.Number("sigma", 0, 10, minExclusive: true, required: true);
        var (min, max) = Bounds(reader);
        if (mu is null || sigma is null || min is null || max is null || !Ordered(reader, min.Value, max.Value))
        {
            return null;
        }

        return reader.Context.Build(reader.Node, reader.Path, SizeExpected, () => new LogNormalSize(mu.Value, sigma.Value, (int)min.Value, (int)max.Value));
    }

    private static HistogramSize? ReadHistogram(MappingReader reader)
    {
        const string Expected = "a list of buckets such as [{size: 200, weight: 70}, {size: 4KiB, weight: 30}]";
        if (reader.Value("buckets", required: true, Expected) is not { } node
            || reader.Context.AsSequence(node, reader.PathOf("buckets"), Expected) is not { } list)
        {
            return null;
        }

        if (list.Children.Count == 0)
        {
            reader.Context.Report(list, $"{reader.PathOf("buckets")} is an empty list", Expected);
            return null;
        }

        var buckets = new List<SizeBucket>();
        var valid = true;
        for (var i = 0; i < list.Children.Count; i++)
        {
            var bucketPath = $"{reader.PathOf("buckets")}[{i}]";
            if (reader.Context.AsMapping(list.Children[i], bucketPath, "a bucket such as {size: 200, weight: 70}") is not { } bucketNode)
            {
                valid = false;
                continue;
            }

            var bucket = new MappingReader(reader.Context, bucketNode, bucketPath, ["size", "weight"]);
            var size = bucket.ByteSize("size", 0, MaxSize, required: true);
            var weight = bucket.Number("weight", 0, double.PositiveInfinity, minExclusive: true, required: true);
            if (size is null || weight is null)
            {
                valid = false;
                continue;
            }

            buckets.Add(new SizeBucket((int)size.Value, weight.Value));
        }

        return valid ? reader.Context.Build(list, reader.PathOf("buckets"), Expected, () => new HistogramSize(buckets)) : null;
    }

    private static (long? Min, long? Max) Bounds(MappingReader reader) =>
        (reader.Find("min") is null ? 0 : reader.ByteSize("min", 0, MaxSize),
         reader.Find("max") is null ? DefaultMaxSize : reader.ByteSize("max", 0, MaxSize));

    private static bool Ordered(MappingReader reader, long min, long max)
    {
        if (min <= max)
        {
            return true;
        }

        var at = reader.Find("max") ?? reader.Find("min") ?? reader.Node;
        reader.Context.Report(at, $"{reader.Path} has min {min} above max {max}", "min at or below max");
        return false;
    }
}
