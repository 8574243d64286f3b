using YamlDotNet.RepresentationModel;

namespace Harness.Engine.Scenarios.Parsing;

/// <summary>Reads <c>clusters</c>: <c>source</c> and <c>target</c>, each of a registered backend's kind.</summary>
internal static class ClusterReader
{
    private static readonly Choices<CleanupPolicy> CleanupPolicies = new(("never", CleanupPolicy.Never), ("on-success", CleanupPolicy.OnSuccess), ("always", CleanupPolicy.Always));

    private const string ClustersExpected = "a mapping with source and target, such as {source: {brokers: 3}, target: {brokers: 3}}";

    public static ClustersSpec? Read(ParseContext context, YamlNode? node, string path, ScenarioSections sections)
    {
        if (node is null)
        {
            return new ClustersSpec { Source = Default(sections), Target = Default(sections) };
        }

        if (context.AsMapping(node, path, ClustersExpected) is not { } mapping)
        {
            return null;
        }

        var reader = new MappingReader(context, mapping, path, ["source", "target"]);
        var source = reader.Find("source") is { } s ? ReadCluster(context, s, reader.PathOf("source"), sections) : Default(sections);
        var target = reader.Find("target") is { } t ? ReadCluster(context, t, reader.PathOf("target"), sections) : Default(sections);
        return source is null || target is null ? null : new ClustersSpec { Source = source, Target = target };
    }

    private static ClusterSpec Default(ScenarioSections sections) =>
        new(sections.Clusters[0].Kind, sections.Clusters[0].Default ?? throw new InvalidOperationException($"the default cluster kind {sections.Clusters[0].Kind} has no default settings; register a kind that has them first"));

    private static ClusterSpec? ReadCluster(ParseContext context, YamlNode node, string path, ScenarioSections sections)
    {
        var kinds = sections.Clusters.Select(c => c.Kind).ToList();
        var expected = $"a mapping such as {{kind: {kinds[0]}, ...}} with kind one of {string.Join(", ", kinds)}";
        if (context.AsMapping(node, path, expected) is not { } mapping)
        {
            return null;
        }

        var reader = new MappingReader(context, mapping, path, ["kind", "security", "allowExistingTopics", "cleanup", .. sections.ClusterKeys]);
        if (KindReader.Read(reader, kinds) is not { } kind)
        {
            return null;
        }

        var section = sections.Clusters.First(c => c.Kind == kind);
        if (!KindReader.RejectOtherKinds(reader, kind, [.. sections.Clusters.Select(c => (c.Kind, c.Keys))]))
        {
            return null;
        }

        if (section.Read(reader) is not { } settings)
        {
            return null;
        }

        var capabilities = settings.Capabilities;
        var allowExisting = reader.Boolean("allowExistingTopics");
        var cleanup = reader.Choice("cleanup", CleanupPolicies);
        if ((reader.Contains("allowExistingTopics") && allowExisting is null) || (reader.Contains("cleanup") && cleanup is null))
        {
            return null;
        }

        return SecurityReader.Read(reader, literalSecrets: capabilities.StartedByHarness, capabilities.Description) is { } security
            ? new ClusterSpec(kind, settings) { Security = security, AllowExistingTopics = allowExisting ?? false, Cleanup = cleanup ?? CleanupPolicy.Never }
            : null;
    }
}
