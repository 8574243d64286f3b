using YamlDotNet.RepresentationModel;

namespace Harness.Engine.Scenarios.Parsing;

/// <summary>Reads <c>clusters</c>: <c>source</c> and <c>target</c>, each embedded, external or in containers.</summary>
internal static class ClusterReader
{
    private const string ClustersExpected = "a mapping with source and target, such as {source: {brokers: 3}, target: {brokers: 3}}";

    private const string ClusterExpected = "a mapping such as {kind: embedded, brokers: 3}, {kind: containers, brokers: 3} or {kind: external, bootstrap: host:9092}";

    private const string ImageExpected = "harness (the harness's own broker in a container) or a Kafka image such as apache/kafka:3.9.1";

    private const string BootstrapExpected = "bootstrap servers as host:port, comma-separated, such as kafka-1:9092,kafka-2:9092";

    private static readonly Choices<ClusterKind> Kinds = new(
        ("embedded", ClusterKind.Embedded),
        ("external", ClusterKind.External),
        ("containers", ClusterKind.Containers));

    public static ClustersSpec? Read(ParseContext context, YamlNode node, string path)
    {
        if (context.AsMapping(node, path, ClustersExpected) is not { } mapping)
        {
            return null;
        }

        var reader = new MappingReader(context, mapping, path, ["source", "target"]);
        var source = reader.Find("source") is { } s ? ReadCluster(context, s, reader.PathOf("source")) : ClusterSpec.Default;
        var target = reader.Find("target") is { } t ? ReadCluster(context, t, reader.PathOf("target")) : ClusterSpec.Default;
        return source is null || target is null ? null : new ClustersSpec { Source = source, Target = target };
    }

    private static ClusterSpec? ReadCluster(ParseContext context, YamlNode node, string path)
    {
        if (context.AsMapping(node, path, ClusterExpected) is not { } mapping)
        {
            return null;
        }

        var reader = new MappingReader(context, mapping, path, ["kind", "brokers", "bootstrap", "image"]);
        var kind = reader.Choice("kind", Kinds);
        if (reader.Find("kind") is not null && kind is null)
        {
            return null;
        }

        if (kind != ClusterKind.Containers && reader.Find("image") is not null)
        {
            context.Report(reader.KeyNode("image")!, $"{reader.PathOf("image")} applies only to kind containers", "kind: containers with image, or remove image");
            return null;
        }

        if (kind == ClusterKind.External)
        {
            if (reader.Find("brokers") is not null)
            {
                context.Report(reader.KeyNode("brokers")!, $"{reader.PathOf("brokers")} does not apply to an external cluster", "bootstrap only: the harness does not start brokers for kind external");
                return null;
            }

            var bootstrap = reader.Text("bootstrap", required: true, BootstrapExpected);
            if (bootstrap is null)
            {
                return null;
            }

            if (!IsBootstrapList(bootstrap))
            {
                context.Report(reader.Find("bootstrap")!, $"{reader.PathOf("bootstrap")} is {ParseContext.Describe(reader.Find("bootstrap")!)}", BootstrapExpected);
                return null;
            }

            return new ClusterSpec { Kind = ClusterKind.External, Brokers = 0, Bootstrap = bootstrap };
        }

        if (reader.Find("bootstrap") is not null)
        {
            context.Report(reader.KeyNode("bootstrap")!, $"{reader.PathOf("bootstrap")} applies only to kind external", "kind: external with bootstrap, or brokers alone for an embedded cluster");
            return null;
        }

        var brokers = reader.Integer("brokers", 1, 16);
        if (reader.Find("brokers") is not null && brokers is null)
        {
            return null;
        }

        if (kind != ClusterKind.Containers)
        {
            return new ClusterSpec { Kind = ClusterKind.Embedded, Brokers = (int)(brokers ?? ClusterSpec.DefaultBrokers) };
        }

        var image = reader.Find("image") is null ? ClusterSpec.HarnessBrokerImage : reader.Text("image", required: true, ImageExpected);
        if (image is null)
        {
            return null;
        }

        if (image != ClusterSpec.HarnessBrokerImage && brokers is > 1)
        {
            // Testcontainers' Kafka module starts one broker per container; a multi-broker Kafka cluster in containers
            // needs a network of them, which the harness does not assemble.
            context.Report(reader.Find("brokers")!, $"{reader.PathOf("brokers")} is {brokers}, but image {image} runs one broker per cluster", $"brokers: 1 with image {image}, or image: harness for {brokers} brokers");
            return null;
        }

        return new ClusterSpec
        {
            Kind = ClusterKind.Containers,
            Image = image,
            Brokers = image == ClusterSpec.HarnessBrokerImage ? (int)(brokers ?? ClusterSpec.DefaultBrokers) : 1,
        };
    }

    private static bool IsBootstrapList(string text) =>
        text.Split(',').All(server =>
        {
            var entry = server.Trim();
            var colon = entry.LastIndexOf(':');
            return colon > 0
                && int.TryParse(entry[(colon + 1)..], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var port)
                && port is > 0 and <= 65535;
        });
}
