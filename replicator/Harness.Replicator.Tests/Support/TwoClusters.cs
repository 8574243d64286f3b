using Harness.Broker.Cluster;

namespace Harness.Replicator.Tests.Support;

/// <summary>A source and a target embedded cluster for one test.</summary>
internal sealed class TwoClusters : IAsyncDisposable
{
    private TwoClusters(EmbeddedCluster source, EmbeddedCluster target)
    {
        Source = source;
        Target = target;
    }

    public EmbeddedCluster Source { get; }

    public EmbeddedCluster Target { get; }

    public static TwoClusters Start(int brokers = 1) => new(
        EmbeddedCluster.Start(new EmbeddedClusterOptions { Name = "source", Brokers = brokers }),
        EmbeddedCluster.Start(new EmbeddedClusterOptions { Name = "target", Brokers = brokers }));

    /// <summary>MM2 properties for the flow source->target, plus <paramref name="extra"/>.</summary>
    public Dictionary<string, string> Properties(params (string Key, string Value)[] extra)
    {
        var properties = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["clusters"] = "source, target",
            ["source.bootstrap.servers"] = Source.BootstrapServers,
            ["target.bootstrap.servers"] = Target.BootstrapServers,
            ["source->target.enabled"] = "true",
            ["harness.tasks.volume.sample.ms"] = "200",
            ["admin.timeout.ms"] = "5000",
        };
        foreach (var (key, value) in extra)
        {
            properties[key] = value;
        }

        return properties;
    }

    public async ValueTask DisposeAsync()
    {
        await Source.DisposeAsync().ConfigureAwait(false);
        await Target.DisposeAsync().ConfigureAwait(false);
    }
}
