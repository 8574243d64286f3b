using Harness.Engine.Runs;
using Microsoft.Extensions.Logging.Abstractions;
using Testcontainers.Kafka;

namespace Harness.Engine.Clusters.Containers;

/// <summary>
/// A one-broker Kafka from an image such as <c>apache/kafka</c>, through Testcontainers' Kafka module: the path for
/// machines with a registry. The harness does not control its broker, so it supports no broker faults.
/// </summary>
public sealed class KafkaImageCluster : IKafkaCluster
{
    private readonly KafkaContainer _container;

    private KafkaImageCluster(string role, KafkaContainer container, string bootstrap)
    {
        Role = role;
        _container = container;
        BootstrapServers = bootstrap;
    }

    public string Role { get; }

    public string Backend => "containers";

    public string BootstrapServers { get; }

    public int? BrokersUp => _container.State == DotNet.Testcontainers.Containers.TestcontainersStates.Running ? 1 : 0;

    public IClusterFaults? Faults => null;

    /// <summary>Starts the image and waits until the broker answers.</summary>
    /// <exception cref="HarnessException">No Docker engine, or the image is missing and cannot be pulled.</exception>
    public static async Task<KafkaImageCluster> StartAsync(string role, string image, CancellationToken cancellation)
    {
        DockerEngine.ConfigureTestcontainers();
        DockerEngine.Require(role);
        var container = new KafkaBuilder(image).WithLogger(NullLogger.Instance).Build();
        try
        {
            await container.StartAsync(cancellation).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            await container.DisposeAsync().ConfigureAwait(false);
            throw new HarnessException($"the {role} cluster's image {image} did not start ({e.Message.Split('\n')[0].Trim()}); pull or load it first (docker pull {image}), or use image: harness");
        }

        // Testcontainers gives a URI (PLAINTEXT://host:port/); Kafka clients want host:port.
        var address = new Uri(container.GetBootstrapAddress());
        return new KafkaImageCluster(role, container, $"{address.Host}:{address.Port}");
    }

    public ValueTask DisposeAsync() => _container.DisposeAsync();
}
