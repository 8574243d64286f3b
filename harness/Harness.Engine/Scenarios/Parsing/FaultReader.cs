using System.Collections.ObjectModel;
using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace Harness.Engine.Scenarios.Parsing;

/// <summary>Reads one entry of <c>faults</c>: <c>at</c>, an optional <c>for</c>, and exactly one action with its parameters.</summary>
internal static partial class FaultReader
{
    private const string AtExpected = "a time such as 30s, a count such as 'after 50000 records', or a cut-over step such as 'after moveProducers' or '2s after moveConsumers'";

    private const string ParametersExpected = "a mapping of parameters such as {side: source, broker: 1}, a single value, or nothing";

    private static readonly Choices<FaultAction> Actions = new(
        ("killBroker", FaultAction.KillBroker),
        ("restartBroker", FaultAction.RestartBroker),
        ("hangBroker", FaultAction.HangBroker),
        ("latency", FaultAction.Latency),
        ("errors", FaultAction.Errors),
        ("moveLeader", FaultAction.MoveLeader),
        ("killReplicator", FaultAction.KillReplicator),
        ("pauseReplicator", FaultAction.PauseReplicator),
        ("restartReplicator", FaultAction.RestartReplicator),
        ("heapPressure", FaultAction.HeapPressure),
        ("restartConnector", FaultAction.RestartConnector),
        ("restartTask", FaultAction.RestartTask),
        ("pauseConnector", FaultAction.PauseConnector),
        ("killWorker", FaultAction.KillWorker),
        ("compact", FaultAction.Compact),
        ("stragglerProducer", FaultAction.StragglerProducer),
        ("rollingRestart", FaultAction.RollingRestart));

    private static readonly string[] Keys = ["at", "for", "recoverWithin", .. Actions.Names];

    private static readonly string KeysExpected = "at, for, recoverWithin and one action: " + string.Join(", ", Actions.Names);

    /// <param name="context">Where errors go.</param>
    /// <param name="node">The fault.</param>
    /// <param name="path">Its path, for errors.</param>
    /// <param name="cutover">The scenario's cut-over steps, which step triggers must name; null when they did not parse.</param>
    public static FaultSpec? Read(ParseContext context, YamlNode node, string path, IReadOnlyList<CutoverStep>? cutover)
    {
        if (context.AsMapping(node, path, "a fault mapping such as {at: 30s, for: 10s, killBroker: {side: source, broker: 1}}") is not { } mapping)
        {
            return null;
        }

        var reader = new MappingReader(context, mapping, path, Keys, KeysExpected);
        var at = reader.Value("at", required: true, AtExpected) is { } atNode ? ReadTrigger(context, atNode, reader.PathOf("at"), cutover) : null;
        var duration = reader.Duration("for", positive: true);
        var recoverWithin = reader.Duration("recoverWithin", positive: true);
        var valid = at is not null && (reader.Find("for") is null || duration is not null) && (reader.Find("recoverWithin") is null || recoverWithin is not null);

        var actions = Actions.Names.Where(reader.Contains).ToList();
        if (actions.Count == 0)
        {
            if (Actions.Names.Any(reader.WasMisspelt))
            {
                return null;
            }

            context.Report(mapping, $"{path} has no action", "one of " + string.Join(", ", Actions.Names));
            return null;
        }

        if (actions.Count > 1)
        {
            context.Report(reader.KeyNode(actions[1])!, $"{path} has both '{actions[0]}' and '{actions[1]}'", "exactly one action per fault; add another fault for the second");
            return null;
        }

        Actions.TryGet(actions[0], out var action);
        var parameters = ReadParameters(context, reader.Find(actions[0]), reader.PathOf(actions[0]));
        return valid && parameters is not null
            ? new FaultSpec { At = at!, Duration = duration, RecoverWithin = recoverWithin, Action = action, Parameters = parameters, Location = context.Locate(mapping) }
            : null;
    }

    private static FaultTrigger? ReadTrigger(ParseContext context, YamlNode node, string path, IReadOnlyList<CutoverStep>? cutover)
    {
        if (context.AsText(node, path, AtExpected) is not { } text)
        {
            return null;
        }

        var anchored = AfterStep().Match(text);
        if (anchored.Success)
        {
            return ReadStepTrigger(context, node, path, anchored, cutover);
        }

        var count = AfterRecords().Match(text);
        if (count.Success)
        {
            if (ScalarFormats.TryParseInteger(count.Groups[1].Value, out var records))
            {
                return FaultTrigger.AfterRecordCount(records);
            }

            context.Report(node, $"{path} is {ParseContext.Describe(node)}, not a record count", AtExpected);
            return null;
        }

        return context.Duration(node, path, positive: false, AtExpected) is { } time ? FaultTrigger.AtTime(time) : null;
    }

    private static FaultTrigger? ReadStepTrigger(ParseContext context, YamlNode node, string path, Match anchored, IReadOnlyList<CutoverStep>? cutover)
    {
        var name = anchored.Groups["step"].Value;
        var actions = Enum.GetValues<CutoverAction>();
        var named = actions.Where(a => FaultTrigger.StepName(a) == name).ToList();
        if (named.Count == 0)
        {
            context.Report(node, $"{path} names '{name}', which is no cut-over action", "after " + string.Join(", after ", actions.Select(FaultTrigger.StepName)));
            return null;
        }

        var action = named[0];

        var delay = TimeSpan.Zero;
        if (anchored.Groups["delay"].Success && (!ScalarFormats.TryParseDuration(anchored.Groups["delay"].Value, out delay) || delay < TimeSpan.Zero))
        {
            context.Report(node, $"{path} is {ParseContext.Describe(node)}, whose '{anchored.Groups["delay"].Value}' is not a duration", AtExpected);
            return null;
        }

        if (cutover is not null && cutover.All(s => s.Action != action))
        {
            context.Report(node, $"{path} waits for a {name} step, but cutover has none", $"a {name} step under cutover, or a time such as 30s");
            return null;
        }

        return FaultTrigger.AfterCutoverStep(action, delay);
    }

    private static ReadOnlyDictionary<string, string>? ReadParameters(ParseContext context, YamlNode? node, string path)
    {
        switch (node)
        {
            case null:
                return new Dictionary<string, string>().AsReadOnly();
            case YamlScalarNode { Value: { } value }:
                return new Dictionary<string, string> { ["value"] = value }.AsReadOnly();
            case YamlMappingNode:
                var before = context.Errors.Count;
                var parameters = context.StringMap(node, path, ParametersExpected);
                return context.Errors.Count == before ? new Dictionary<string, string>(parameters).AsReadOnly() : null;
            default:
                context.Report(node, $"{path} is {ParseContext.Describe(node)}", ParametersExpected);
                return null;
        }
    }

    [GeneratedRegex(@"^\s*after\s+([0-9_]+)\s+records?\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex AfterRecords();

    [GeneratedRegex(@"^\s*(?:(?<delay>\S+)\s+)?after\s+(?<step>[A-Za-z]+)\s*$")]
    private static partial Regex AfterStep();
}
