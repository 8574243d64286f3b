namespace Harness.Engine.Scenarios.Parsing;

/// <summary>
/// Reads <c>topicPrefix</c> and checks it as Kafka will check the names it makes: only topic-legal characters, and no
/// topic (nor its remote name on the target) over 249 characters once the run id is in.
/// </summary>
internal static class TopicPrefixReader
{
    public const string Key = "topicPrefix";

    private const int MaxTopicLength = 249;

    private const string Expected = "letters, digits, '.', '_' and '-', with {runId} for the run's id, such as topicPrefix: rehearsal-{runId}-";

    public static string? Read(MappingReader reader, IReadOnlyList<TopicSpec>? topics, ReplicatorSpec? replicator)
    {
        if (reader.Text(Key, expected: Expected) is not { } prefix)
        {
            return null;
        }

        var node = reader.Find(Key)!;
        var context = reader.Context;
        if (prefix.Length == 0)
        {
            context.Report(node, $"{Key} is empty", Expected + " (or no topicPrefix at all)");
            return null;
        }

        // A stand-in of the run id's length and characters: what Kafka will see, before there is a run.
        var expanded = ScenarioPrefix.Expand(prefix, new string('0', ScenarioPrefix.RunIdLength));
        if (expanded.Contains('{', StringComparison.Ordinal) || expanded.Contains('}', StringComparison.Ordinal))
        {
            context.Report(node, $"{Key} '{prefix}' has a placeholder other than {ScenarioPrefix.RunIdPlaceholder}", Expected);
            return null;
        }

        var illegal = expanded.Where(c => !(char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-')).Distinct().ToList();
        if (illegal.Count > 0)
        {
            context.Report(node, $"{Key} '{prefix}' has characters Kafka refuses in a topic name: {string.Join(" ", illegal.Select(c => $"'{c}'"))}", Expected);
            return null;
        }

        if (topics is not null && replicator is not null)
        {
            var longest = topics
                .SelectMany(t => new[] { expanded + t.Name, replicator.RemoteTopic(expanded + t.Name) })
                .MaxBy(name => name.Length);
            if (longest is not null && longest.Length > MaxTopicLength)
            {
                context.Report(
                    node,
                    $"{Key} '{prefix}' makes the topic name '{longest}' {longest.Length} characters long with the run id, over Kafka's limit of {MaxTopicLength}",
                    $"a topicPrefix {longest.Length - MaxTopicLength} characters shorter (the run id counts {ScenarioPrefix.RunIdLength}), or shorter topic names");
                return null;
            }
        }

        return prefix;
    }
}
