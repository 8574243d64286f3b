using System.Collections.ObjectModel;
using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace Harness.Engine.Scenarios.Parsing;

/// <summary>Reads one entry of <c>faults</c>: <c>at</c>, an optional <c>for</c>, and exactly one action with its parameters.</summary>
internal static partial class FaultReader
{
    private const string AtExpected = "a time such as 30s, or a count such as 'after 50000 records'";

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

    public static FaultSpec? Read(ParseContext context, YamlNode node, string path)
    {
        if (context.AsMapping(node, path, "a fault mapping such as {at: 30s, for: 10s, killBroker: {side: source, broker: 1}}") is not { } mapping)
        {
            return null;
        }

        var reader = new MappingReader(context, mapping, path, Keys, KeysExpected);
        var at = reader.Value("at", required: true, AtExpected) is { } atNode ? ReadTrigger(context, atNode, reader.PathOf("at")) : null;
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

    private static FaultTrigger? ReadTrigger(ParseContext context, YamlNode node, string path)
    {
        if (context.AsText(node, path, AtExpected) is not { } text)
        {
            return null;
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
}
