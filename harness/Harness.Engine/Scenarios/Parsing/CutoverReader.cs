using YamlDotNet.RepresentationModel;

namespace Harness.Engine.Scenarios.Parsing;

/// <summary>Reads one entry of <c>cutover</c>: its trigger (<c>after</c>, <c>whenLag</c>, <c>whenLagAtLeast</c>, <c>whenCheckpointed</c>) and exactly one action.</summary>
internal static class CutoverReader
{
    private const string Expected = "a step such as {after: 5s, moveConsumers: {apps: [billing], start: translated}}";

    private static readonly Choices<CutoverAction> Actions = new(
        ("moveConsumers", CutoverAction.MoveConsumers),
        ("moveProducers", CutoverAction.MoveProducers),
        ("stopReplicator", CutoverAction.StopReplicator));

    private static readonly Choices<ConsumerStart> Starts = new(
        ("translated", ConsumerStart.Translated), ("synced", ConsumerStart.Synced), ("earliest", ConsumerStart.Earliest), ("latest", ConsumerStart.Latest));

    private static readonly Choices<ProducerMoveStrategy> Strategies = new(("drain", ProducerMoveStrategy.Drain), ("hot", ProducerMoveStrategy.Hot));

    public static CutoverStep? Read(ParseContext context, YamlNode node, string path, IReadOnlyList<AppSpec> apps)
    {
        if (context.AsMapping(node, path, Expected) is not { } mapping)
        {
            return null;
        }

        var reader = new MappingReader(context, mapping, path, ["after", "whenLag", "whenLagAtLeast", "whenCheckpointed", "deadline", .. Actions.Names]);
        var before = context.Errors.Count;
        var after = reader.Duration("after", positive: false);
        var lag = reader.Integer("whenLag", 0, long.MaxValue);
        var lagAtLeast = reader.Integer("whenLagAtLeast", 1, long.MaxValue);
        if (lag is { } most && lagAtLeast is { } least && least > most)
        {
            context.Report(reader.Find("whenLagAtLeast")!, $"{reader.PathOf("whenLagAtLeast")} is {least:D}, above whenLag {most:D}: the lag can never be both",
                "whenLagAtLeast at most whenLag, or only one of them");
        }
        var checkpointed = reader.Text("whenCheckpointed", expected: "the name of an app with consumers");
        if (checkpointed is not null && apps.FirstOrDefault(a => a.Name == checkpointed)?.Consumer is null)
        {
            context.Report(reader.Find("whenCheckpointed")!, $"{reader.PathOf("whenCheckpointed")} names '{checkpointed}', which is no app with consumers", AppsWith(apps, a => a.Consumer is not null));
        }

        var deadline = reader.Duration("deadline", positive: true) ?? TimeSpan.FromSeconds(30);
        var actions = Actions.Names.Where(reader.Contains).ToList();
        if (actions.Count != 1)
        {
            context.Report(mapping, actions.Count == 0 ? $"{path} has no action" : $"{path} has both '{actions[0]}' and '{actions[1]}'", "exactly one of " + string.Join(", ", Actions.Names));
            return null;
        }

        Actions.TryGet(actions[0], out var action);
        var step = new CutoverStep
        {
            Trigger = new CutoverTrigger { After = after, WhenLag = lag, WhenLagAtLeast = lagAtLeast, WhenCheckpointed = checkpointed },
            Action = action,
            Deadline = deadline,
            Location = context.Locate(mapping),
        };
        if (action != CutoverAction.StopReplicator)
        {
            var what = action == CutoverAction.MoveConsumers ? "consumers" : "producers";
            var known = action == CutoverAction.MoveConsumers ? new[] { "apps", "start" } : ["apps", "strategy"];
            if (reader.Mapping(actions[0], known, $"a mapping such as {{apps: [billing], {known[1]}: ...}}", required: true) is not { } parameters)
            {
                return null;
            }

            var names = ReadApps(parameters, apps, what, action == CutoverAction.MoveConsumers ? a => a.Consumer is not null : a => a.Producer is not null);
            step = step with
            {
                Apps = names ?? [],
                Start = parameters.Choice("start", Starts) ?? ConsumerStart.Translated,
                Strategy = parameters.Choice("strategy", Strategies) ?? ProducerMoveStrategy.Drain,
            };
        }

        return context.Errors.Count > before ? null : step;
    }

    private static List<string>? ReadApps(MappingReader reader, IReadOnlyList<AppSpec> apps, string what, Func<AppSpec, bool> fits)
    {
        var context = reader.Context;
        var path = reader.PathOf("apps");
        var expected = AppsWith(apps, fits);
        if (reader.Value("apps", required: true, expected) is not { } node || context.AsSequence(node, path, expected) is not { } list)
        {
            return null;
        }

        var names = new List<string>();
        for (var i = 0; i < list.Children.Count; i++)
        {
            if (context.AsText(list.Children[i], $"{path}[{i}]", expected) is not { } name)
            {
                return null;
            }

            if (apps.FirstOrDefault(a => a.Name == name) is not { } app || !fits(app))
            {
                context.Report(list.Children[i], $"{path}[{i}] names '{name}', which is no app with {what}", expected);
                return null;
            }

            names.Add(name);
        }

        return names;
    }

    private static string AppsWith(IReadOnlyList<AppSpec> apps, Func<AppSpec, bool> fits)
    {
        var names = apps.Where(fits).Select(a => a.Name).ToList();
        return names.Count == 0 ? "an app declared under apps" : "one of " + string.Join(", ", names);
    }
}
