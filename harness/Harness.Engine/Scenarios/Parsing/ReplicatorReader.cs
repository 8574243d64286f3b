using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace Harness.Engine.Scenarios.Parsing;

/// <summary>Reads <c>replicator</c>.</summary>
internal static partial class ReplicatorReader
{
    private const string Expected = "a mapping such as {kind: builtin, policy: identity}";

    private const string AliasExpected = "a cluster alias of letters, digits, '_' and '-'";

    private const string RunExpected = "run: a shell command that starts the replicator";

    private static readonly Choices<ReplicatorKind> Kinds = new(
        ("builtin", ReplicatorKind.Builtin),
        ("command", ReplicatorKind.Command));

    private static readonly Choices<ReplicationPolicyKind> Policies = new(
        ("identity", ReplicationPolicyKind.Identity),
        ("default", ReplicationPolicyKind.Default));

    public static ReplicatorSpec? Read(ParseContext context, YamlNode node, string path)
    {
        if (context.AsMapping(node, path, Expected) is not { } mapping)
        {
            return null;
        }

        var reader = new MappingReader(context, mapping, path, ["kind", "policy", "run", "sourceAlias", "targetAlias", "properties", "grace"]);
        var kind = reader.Choice("kind", Kinds);
        var policy = reader.Choice("policy", Policies);
        var run = reader.Text("run", expected: "a shell command");
        var sourceAlias = Alias(reader, "sourceAlias");
        var targetAlias = Alias(reader, "targetAlias");
        var properties = reader.StringMap("properties", "a mapping of MirrorMaker 2 properties such as {offset.lag.max: 100}");
        var grace = reader.Duration("grace", positive: false);
        var valid = (reader.Find("kind") is null || kind is not null)
            && (reader.Find("policy") is null || policy is not null)
            && (reader.Find("run") is null || run is not null)
            && (reader.Find("sourceAlias") is null || sourceAlias is not null)
            && (reader.Find("targetAlias") is null || targetAlias is not null)
            && (reader.Find("grace") is null || grace is not null);

        if (kind == ReplicatorKind.Command && reader.Find("run") is null)
        {
            context.Report(reader.Find("kind")!, $"{path} kind 'command' needs 'run'", RunExpected);
            valid = false;
        }
        else if (kind != ReplicatorKind.Command && reader.Find("run") is not null)
        {
            context.Report(reader.KeyNode("run")!, $"{reader.PathOf("run")} is only used by kind: command", "kind: command with run, or no run for the built-in replicator");
            valid = false;
        }

        if (sourceAlias is not null && sourceAlias == targetAlias)
        {
            context.Report(reader.Find("targetAlias")!, $"{reader.PathOf("targetAlias")} is the same as sourceAlias", "two different cluster aliases");
            valid = false;
        }

        return valid
            ? new ReplicatorSpec
            {
                Kind = kind ?? ReplicatorKind.Builtin,
                Policy = policy ?? ReplicationPolicyKind.Default,
                Run = run,
                SourceAlias = sourceAlias ?? ReplicatorSpec.Default.SourceAlias,
                TargetAlias = targetAlias ?? ReplicatorSpec.Default.TargetAlias,
                Properties = properties,
                Grace = grace ?? ReplicatorSpec.DefaultGrace,
            }
            : null;
    }

    private static string? Alias(MappingReader reader, string key)
    {
        if (reader.Text(key, expected: AliasExpected) is not { } alias)
        {
            return null;
        }

        if (!AliasPattern().IsMatch(alias))
        {
            reader.Context.Report(reader.Find(key)!, $"{reader.PathOf(key)} is {ParseContext.Describe(reader.Find(key)!)}", AliasExpected);
            return null;
        }

        return alias;
    }

    [GeneratedRegex("^[A-Za-z0-9_-]+$")]
    private static partial Regex AliasPattern();
}
