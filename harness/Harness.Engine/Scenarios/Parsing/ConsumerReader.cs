using System.Collections.ObjectModel;
using YamlDotNet.RepresentationModel;

namespace Harness.Engine.Scenarios.Parsing;

/// <summary>Reads one entry of <c>consumers</c> and checks its topics against the declared ones.</summary>
internal static class ConsumerReader
{
    private const string Expected = "a consumer mapping such as {group: billing, topics: [orders], progress: 0.5}";

    private const string TopicsExpected = "a list of declared topic names such as [orders, clicks]";

    private const string ProgressExpected = "a fraction from 0 to 1, such as 0.3 or 30%";

    public static ConsumerSpec? Read(ParseContext context, YamlNode node, string path, IReadOnlyDictionary<string, string> topics, Dictionary<string, string> groups)
    {
        if (context.AsMapping(node, path, Expected) is not { } mapping)
        {
            return null;
        }

        var reader = new MappingReader(context, mapping, path, ["group", "topics", "progress"]);
        var group = reader.Text("group", required: true, "a consumer group id");
        if (group is not null)
        {
            if (groups.TryGetValue(group, out var first))
            {
                context.Report(reader.Find("group")!, $"duplicate consumer group '{group}' in {path} (first declared in {first})", "unique group ids");
                group = null;
            }
            else
            {
                groups[group] = path;
            }
        }

        var names = ReadTopics(reader, topics);
        var progress = reader.Find("progress") is { } p ? context.Fraction(p, reader.PathOf("progress"), ProgressExpected) : 1.0;
        if (group is null || names is null || progress is null)
        {
            return null;
        }

        return new ConsumerSpec { Group = group, Topics = names, Progress = progress.Value, Location = context.Locate(mapping) };
    }

    private static ReadOnlyCollection<string>? ReadTopics(MappingReader reader, IReadOnlyDictionary<string, string> topics)
    {
        var context = reader.Context;
        var path = reader.PathOf("topics");
        if (reader.Value("topics", required: true, TopicsExpected) is not { } node || context.AsSequence(node, path, TopicsExpected) is not { } list)
        {
            return null;
        }

        if (list.Children.Count == 0)
        {
            context.Report(list, $"{path} is an empty list", TopicsExpected);
            return null;
        }

        var names = new List<string>();
        var valid = true;
        for (var i = 0; i < list.Children.Count; i++)
        {
            var item = list.Children[i];
            var itemPath = $"{path}[{i}]";
            if (context.AsText(item, itemPath, TopicsExpected) is not { } name)
            {
                valid = false;
            }
            else if (!topics.ContainsKey(name))
            {
                var known = topics.Keys.ToList();
                context.Report(item, $"{itemPath} refers to unknown topic '{name}'{KeySuggester.Hint(name, known)}", known.Count > 0 ? "one of " + string.Join(", ", known) : "a topic declared under topics");
                valid = false;
            }
            else if (names.Contains(name))
            {
                context.Report(item, $"{itemPath} lists topic '{name}' twice", "each topic once");
                valid = false;
            }
            else
            {
                names.Add(name);
            }
        }

        return valid ? names.AsReadOnly() : null;
    }
}
