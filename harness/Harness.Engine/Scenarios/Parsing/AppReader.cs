using YamlDotNet.RepresentationModel;

namespace Harness.Engine.Scenarios.Parsing;

/// <summary>Reads one entry of <c>apps</c>: a name and its consumers and/or producers.</summary>
internal static class AppReader
{
    private const string Expected = "an app mapping such as {name: billing, consumers: {group: billing, members: 2}, producers: {topics: [orders]}}";

    private static readonly Choices<int> Resets = new(("earliest", 0), ("latest", 1));

    private static readonly Choices<int> Assignors = new(("range", 0), ("roundrobin", 1), ("cooperative-sticky", 2));

    private static readonly Choices<int> Partitioners = new(("murmur2", 0), ("consistent_random", 1));

    public static AppSpec? Read(ParseContext context, YamlNode node, string path, IReadOnlyDictionary<string, string> topics, HashSet<string> names)
    {
        if (context.AsMapping(node, path, Expected) is not { } mapping)
        {
            return null;
        }

        var reader = new MappingReader(context, mapping, path, ["name", "consumers", "producers"]);
        var name = reader.Text("name", required: true, "an app name such as billing");
        if (name is not null && !names.Add(name))
        {
            context.Report(reader.Find("name")!, $"duplicate app '{name}' in {path}", "unique app names");
            name = null;
        }

        var before = context.Errors.Count;
        var consumer = ReadConsumer(reader, topics, name);
        var producer = ReadProducer(reader, topics);
        if (reader.Find("consumers") is null && reader.Find("producers") is null)
        {
            context.Report(mapping, $"{path} has neither consumers nor producers", "consumers: {group: ...} and/or producers: {topics: [...]}");
        }

        return name is null || context.Errors.Count > before ? null : new AppSpec { Name = name, Consumer = consumer, Producer = producer, Location = context.Locate(mapping) };
    }

    /// <summary>
    /// Checks what only the whole list can tell: a topic has at most one producing app, and its load is an open rate the
    /// app can pace itself by.
    /// </summary>
    public static void CheckTopics(ParseContext context, IReadOnlyList<AppSpec> apps, IReadOnlyList<TopicSpec> topics)
    {
        var owners = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var app in apps)
        {
            foreach (var topic in app.Producer?.Topics ?? [])
            {
                var where = app.Location ?? new SourceLocation(context.Source, 0, 0);
                if (owners.TryGetValue(topic, out var first))
                {
                    context.Report(where, $"apps '{first}' and '{app.Name}' both produce topic '{topic}'", "one producing app per topic; declare another topic for the second");
                }
                else if (topics.FirstOrDefault(t => t.Name == topic) is { } spec && spec.CreateSchedule() is null)
                {
                    context.Report(where, $"topic '{topic}' is produced by app '{app.Name}' but has a keepConstant rate", "an open rate (rate with records or duration) for a topic an app produces");
                }

                owners.TryAdd(topic, app.Name);
            }
        }
    }

    private static AppConsumerSpec? ReadConsumer(MappingReader app, IReadOnlyDictionary<string, string> topics, string? name)
    {
        const string ConsumerExpected = "a mapping such as {group: billing, members: 2, rate: 500, commitInterval: 1s, autoOffsetReset: earliest, assignor: range}";
        if (app.Mapping("consumers", ["group", "topics", "members", "rate", "commitInterval", "autoOffsetReset", "assignor"], ConsumerExpected) is not { } reader)
        {
            return null;
        }

        var group = reader.Text("group") ?? name ?? "";
        var list = reader.Find("topics") is null ? [] : ReadTopics(reader, topics);
        var members = reader.Integer("members", 1, 64) ?? 1;
        double? rate = reader.Find("rate") is { } r && r is YamlScalarNode { Value: "max" } ? null : reader.Number("rate", 0, 1e9, minExclusive: true);
        var interval = reader.Duration("commitInterval", positive: true) ?? TimeSpan.FromSeconds(1);
        var reset = reader.Choice("autoOffsetReset", Resets) ?? 0;
        var assignor = reader.Choice("assignor", Assignors) ?? 0;
        return new AppConsumerSpec
        {
            Group = group,
            Topics = list ?? [],
            Members = (int)members,
            Rate = rate,
            CommitInterval = interval,
            AutoOffsetReset = Resets.Names[reset],
            Assignor = Assignors.Names[assignor],
        };
    }

    private static AppProducerSpec? ReadProducer(MappingReader app, IReadOnlyDictionary<string, string> topics)
    {
        const string ProducerExpected = "a mapping such as {topics: [orders], partitioner: murmur2, keys: 100}";
        if (app.Mapping("producers", ["topics", "partitioner", "keys"], ProducerExpected) is not { } reader)
        {
            return null;
        }

        var list = reader.Value("topics", required: true, "a list of declared topics such as [orders]") is null ? null : ReadTopics(reader, topics);
        var partitioner = reader.Choice("partitioner", Partitioners) ?? 0;
        var keys = reader.Integer("keys", 1, 1_000_000) ?? 100;
        return list is null ? null : new AppProducerSpec { Topics = list, Partitioner = Partitioners.Names[partitioner], Keys = (int)keys };
    }

    private static List<string>? ReadTopics(MappingReader reader, IReadOnlyDictionary<string, string> topics)
    {
        const string TopicsExpected = "a list of declared topic names such as [orders]";
        var context = reader.Context;
        var path = reader.PathOf("topics");
        if (reader.Find("topics") is not { } node || context.AsSequence(node, path, TopicsExpected) is not { } list)
        {
            return null;
        }

        var names = new List<string>();
        for (var i = 0; i < list.Children.Count; i++)
        {
            var item = list.Children[i];
            if (context.AsText(item, $"{path}[{i}]", TopicsExpected) is not { } name)
            {
                return null;
            }

            if (!topics.ContainsKey(name))
            {
                var known = topics.Keys.ToList();
                context.Report(item, $"{path}[{i}] refers to unknown topic '{name}'{KeySuggester.Hint(name, known)}", "one of " + string.Join(", ", known));
                return null;
            }

            names.Add(name);
        }

        return names;
    }
}
