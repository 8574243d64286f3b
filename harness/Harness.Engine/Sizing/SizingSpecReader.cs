using Harness.Engine.Scenarios;
using Harness.Engine.Scenarios.Parsing;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Harness.Engine.Sizing;

/// <summary>
/// Reads the <c>sizing:</c> section of a scenario file (the scenario loader skips it), with the same located,
/// all-at-once error messages as the rest of the file.
/// </summary>
public static class SizingSpecReader
{
    private static readonly string[] Keys =
    [
        "slo", "headroom", "tasks", "levelDuration", "precision", "maxLevels", "lagGrowth", "start", "throttle", "instances",
        "defaultRetention", "replicationFactor", "storageOverhead", "backfill", "cutoverWindow", "provisionedStoragePerBroker",
        "tasksPerWorker", "memoryMargin", "scale",
    ];

    /// <summary>Reads the section of <paramref name="yaml"/>; the defaults when there is none.</summary>
    /// <exception cref="ScenarioException">The section is malformed.</exception>
    public static SizingSpec Read(string yaml, string sourceName)
    {
        var context = new ParseContext(sourceName);
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(yaml));
        }
        catch (YamlException)
        {
            // The scenario loader reports malformed YAML with its position; nothing to add here.
            return new SizingSpec();
        }

        if (stream.Documents.Count != 1 || stream.Documents[0].RootNode is not YamlMappingNode root
            || !root.Children.TryGetValue(new YamlScalarNode("sizing"), out var node) || ParseContext.IsNull(node))
        {
            return new SizingSpec();
        }

        var spec = context.AsMapping(node, "sizing", "a mapping of sizing settings") is { } mapping ? Read(new MappingReader(context, mapping, "sizing", Keys)) : null;
        return context.Errors.Count > 0 || spec is null ? throw new ScenarioException(context.Errors) : spec;
    }

    private static SizingSpec Read(MappingReader reader)
    {
        var defaults = new SizingSpec();
        var slo = reader.Mapping("slo", ["p99"], "{p99: 2s}")?.Duration("p99", positive: true);
        var tasks = ReadTasks(reader);
        var provisioned = reader.ByteSize("provisionedStoragePerBroker", 1, long.MaxValue);
        return defaults with
        {
            SloP99 = slo ?? defaults.SloP99,
            Headroom = reader.Number("headroom", 1, 100) ?? defaults.Headroom,
            Tasks = tasks ?? defaults.Tasks,
            LevelDuration = reader.Duration("levelDuration", positive: true) ?? defaults.LevelDuration,
            Precision = Fraction(reader, "precision") ?? defaults.Precision,
            MaxLevels = (int?)reader.Integer("maxLevels", 2, 50) ?? defaults.MaxLevels,
            LagGrowth = Fraction(reader, "lagGrowth") ?? defaults.LagGrowth,
            StartMultiplier = reader.Number("start", 0, 1000, minExclusive: true) ?? defaults.StartMultiplier,
            ThrottlePerTask = reader.Number("throttle", 0, 10_000_000, minExclusive: true),
            Instances = reader.Text("instances", expected: "the path of an instance table (YAML)"),
            DefaultRetention = reader.Duration("defaultRetention", positive: true) ?? defaults.DefaultRetention,
            ReplicationFactor = (int?)reader.Integer("replicationFactor", 1, 10) ?? defaults.ReplicationFactor,
            StorageOverhead = Fraction(reader, "storageOverhead", 10) ?? defaults.StorageOverhead,
            BackfillBytes = reader.ByteSize("backfill", 0, long.MaxValue) ?? defaults.BackfillBytes,
            CutoverWindow = reader.Duration("cutoverWindow", positive: true) ?? defaults.CutoverWindow,
            ProvisionedStoragePerBrokerBytes = provisioned,
            TasksPerWorker = (int?)reader.Integer("tasksPerWorker", 1, 10_000),
            MemoryMargin = Fraction(reader, "memoryMargin", 10) ?? defaults.MemoryMargin,
            Scale = reader.Number("scale", 0, 1_000_000, minExclusive: true) ?? defaults.Scale,
        };
    }

    private static double? Fraction(MappingReader reader, string key, double max = 1)
    {
        var expected = $"a fraction such as 0.2 or 20% (at most {max * 100:0}%)";
        if (reader.Value(key, false, expected) is not { } node)
        {
            return null;
        }

        var text = (node as YamlScalarNode)?.Value?.Trim() ?? "";
        var number = text.EndsWith('%') && double.TryParse(text[..^1], System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var percent) ? percent / 100
            : double.TryParse(text, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var plain) ? plain
            : double.NaN;
        if (!double.IsFinite(number) || number < 0 || number > max)
        {
            reader.Context.Report(node, $"{reader.PathOf(key)} is {ParseContext.Describe(node)}", expected);
            return null;
        }

        return number;
    }

    private static int[]? ReadTasks(MappingReader reader)
    {
        const string Expected = "a list of task counts such as [1, 2, 4]";
        if (reader.Value("tasks", false, Expected) is not { } node)
        {
            return null;
        }

        if (reader.Context.AsSequence(node, "sizing.tasks", Expected) is not { } list || list.Children.Count == 0)
        {
            if (node is YamlSequenceNode)
            {
                reader.Context.Report(node, "sizing.tasks is empty", Expected);
            }

            return null;
        }

        var tasks = list.Children.Select((n, i) => (int?)reader.Context.Integer(n, $"sizing.tasks[{i}]", 1, 1000)).ToList();
        return tasks.Any(t => t is null) ? null : [.. tasks.Select(t => t!.Value).Distinct().Order()];
    }
}
