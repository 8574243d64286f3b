using YamlDotNet.RepresentationModel;

namespace Harness.Engine.Scenarios.Parsing;

/// <summary>Reads the top-level mapping of a scenario file.</summary>
internal static class ScenarioReader
{
    // `sizing` belongs to `harness size` (Sizing/SizingSpecReader), which reads it from the same file; a run ignores it.
    public static readonly string[] Keys = ["name", "description", "seed", "clusters", "topics", "replicator", "consumers", "apps", "cutover", "faults", "expect", "verdict", "sizing", TopicPrefixReader.Key];

    private const string TopicsExpected = "a list of topics such as [{name: orders, partitions: 6, rate: 500, records: 10000}]";

    public static Scenario? Read(ParseContext context, YamlMappingNode root, ScenarioSections sections)
    {
        var reader = new MappingReader(context, root, string.Empty, Keys);
        var name = ReadName(reader);
        var description = reader.Text("description", expected: "a text description");
        var seed = reader.Integer("seed", 0, int.MaxValue);
        var clusters = ClusterReader.Read(context, reader.Find("clusters"), "clusters", sections);

        var topicNames = new Dictionary<string, string>(StringComparer.Ordinal);
        var topics = ReadList(reader, "topics", TopicsExpected, required: true, (node, path) => TopicReader.Read(context, node, path, topicNames));

        var replicator = ReplicatorReader.Read(context, reader.Find("replicator"), "replicator", sections);

        var groups = new Dictionary<string, string>(StringComparer.Ordinal);
        var consumers = ReadList(
            reader,
            "consumers",
            "a list of consumer groups such as [{group: billing, topics: [orders], progress: 0.5}]",
            required: false,
            (node, path) => ConsumerReader.Read(context, node, path, topicNames, groups));
        var appNames = new HashSet<string>(StringComparer.Ordinal);
        var apps = ReadList(
            reader,
            "apps",
            "a list of apps such as [{name: billing, consumers: {group: billing}, producers: {topics: [orders]}}]",
            required: false,
            (node, path) => AppReader.Read(context, node, path, topicNames, appNames));
        if (apps is not null && topics is not null)
        {
            AppReader.CheckTopics(context, apps, topics);
        }

        var cutover = ReadList(
            reader,
            "cutover",
            "a list of steps such as [{after: 5s, moveConsumers: {apps: [billing], start: translated}}]",
            required: false,
            (node, path) => CutoverReader.Read(context, node, path, apps ?? []));
        var expectsFailure = ReadVerdict(reader);
        var faults = ReadList(
            reader,
            "faults",
            "a list of faults such as [{at: 30s, for: 10s, killBroker: {side: source, broker: 1}}]",
            required: false,
            (node, path) => FaultReader.Read(context, node, path, cutover));
        var topicPrefix = TopicPrefixReader.Read(reader, topics, replicator);
        var expect = reader.Find("expect") is { } e ? ExpectReader.Read(context, e, "expect", topicNames.Keys) : ExpectSpec.Default;

        if (context.Errors.Count > 0 || name is null || clusters is null || topics is null || replicator is null
            || consumers is null || apps is null || cutover is null || faults is null || expect is null
            || (reader.Contains(TopicPrefixReader.Key) && topicPrefix is null))
        {
            return null;
        }

        return new Scenario
        {
            Name = name,
            Description = description,
            Seed = (int?)seed,
            Clusters = clusters,
            Topics = topics,
            Replicator = replicator,
            Consumers = consumers,
            Apps = apps,
            Cutover = cutover,
            ExpectsFailure = expectsFailure,
            Faults = faults,
            Expect = expect,
            TopicPrefix = topicPrefix,
        };
    }

    private static string? ReadName(MappingReader reader)
    {
        const string Expected = "a one-line scenario name";
        if (reader.Text("name", required: true, Expected) is not { } name)
        {
            return null;
        }

        if (name.Contains('\n', StringComparison.Ordinal) || name.Length > 200)
        {
            reader.Context.Report(reader.Find("name")!, "name is too long or spans several lines", Expected + " of up to 200 characters");
            return null;
        }

        return name;
    }

    /// <summary>Whether the scenario says it demonstrates a failure (<c>verdict: failed</c>); passed by default.</summary>
    private static bool ReadVerdict(MappingReader reader)
    {
        var verdict = reader.Choice("verdict", new Choices<bool>(("passed", false), ("failed", true)));
        return verdict ?? false;
    }

    /// <summary>Reads a list of items; the result is <see langword="null"/> if the list or any item is wrong.</summary>
    private static IReadOnlyList<T>? ReadList<T>(MappingReader reader, string key, string expected, bool required, Func<YamlNode, string, T?> readItem)
        where T : class
    {
        if (reader.Value(key, required, expected) is not { } node)
        {
            return required ? null : [];
        }

        if (reader.Context.AsSequence(node, key, expected) is not { } list)
        {
            return null;
        }

        if (required && list.Children.Count == 0)
        {
            reader.Context.Report(list, $"{key} is an empty list", expected);
            return null;
        }

        var items = new List<T>();
        var valid = true;
        for (var i = 0; i < list.Children.Count; i++)
        {
            if (readItem(list.Children[i], $"{key}[{i}]") is { } item)
            {
                items.Add(item);
            }
            else
            {
                valid = false;
            }
        }

        return valid ? items.AsReadOnly() : null;
    }
}
