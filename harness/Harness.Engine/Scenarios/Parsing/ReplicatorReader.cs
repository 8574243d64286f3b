using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace Harness.Engine.Scenarios.Parsing;

/// <summary>Reads <c>replicator</c>: the keys every driver shares, then the chosen driver's own keys.</summary>
internal static partial class ReplicatorReader
{
    private const string AliasExpected = "a cluster alias of letters, digits, '_' and '-'";

    private static readonly string[] CommonKeys = ["kind", "policy", "sourceAlias", "targetAlias", "properties", "grace"];

    private static readonly Choices<ReplicationPolicyKind> Policies = new(
        ("identity", ReplicationPolicyKind.Identity),
        ("default", ReplicationPolicyKind.Default));

    public static ReplicatorSpec? Read(ParseContext context, YamlNode? node, string path, ScenarioSections sections)
    {
        var kinds = sections.Replicators.Select(r => r.Kind).ToList();
        if (node is null)
        {
            // No section: the default driver with nothing of its own to read.
            return Build(kinds[0], sections, context, new YamlMappingNode(), path);
        }

        if (context.AsMapping(node, path, $"a mapping such as {{kind: {kinds[0]}, policy: identity}}") is not { } mapping)
        {
            return null;
        }

        return Build(null, sections, context, mapping, path);
    }

    private static ReplicatorSpec? Build(string? fixedKind, ScenarioSections sections, ParseContext context, YamlMappingNode mapping, string path)
    {
        var kinds = sections.Replicators.Select(r => r.Kind).ToList();
        var reader = new MappingReader(context, mapping, path, [.. CommonKeys, .. sections.ReplicatorKeys]);
        var kind = fixedKind ?? KindReader.Read(reader, kinds);
        var policy = reader.Choice("policy", Policies);
        var sourceAlias = Alias(reader, "sourceAlias");
        var targetAlias = Alias(reader, "targetAlias");
        var properties = reader.StringMap("properties", "a mapping of MirrorMaker 2 properties such as {offset.lag.max: 100}");
        var grace = reader.Duration("grace", positive: false);
        var valid = kind is not null
            && (reader.Find("policy") is null || policy is not null)
            && (reader.Find("sourceAlias") is null || sourceAlias is not null)
            && (reader.Find("targetAlias") is null || targetAlias is not null)
            && (reader.Find("grace") is null || grace is not null);

        if (sourceAlias is not null && sourceAlias == targetAlias)
        {
            context.Report(reader.Find("targetAlias")!, $"{reader.PathOf("targetAlias")} is the same as sourceAlias", "two different cluster aliases");
            valid = false;
        }

        if (kind is null || !KindReader.RejectOtherKinds(reader, kind, [.. sections.Replicators.Select(r => (r.Kind, r.Keys))]))
        {
            return null;
        }

        var settings = sections.Replicators.First(r => r.Kind == kind).Read(reader);
        return valid && settings is not null
            ? new ReplicatorSpec
            {
                Kind = kind,
                Settings = settings,
                Policy = policy ?? ReplicationPolicyKind.Default,
                SourceAlias = sourceAlias ?? "source",
                TargetAlias = targetAlias ?? "target",
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
