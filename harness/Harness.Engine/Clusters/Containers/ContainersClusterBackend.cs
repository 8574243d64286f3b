using Harness.Engine.Clusters.Embedded;
using Harness.Engine.Scenarios;
using Harness.Engine.Scenarios.Parsing;
using Harness.Engine.Security;

namespace Harness.Engine.Clusters.Containers;

/// <summary><c>kind: containers</c>: brokers in a Docker container started through Testcontainers.</summary>
public sealed class ContainersClusterBackend : IClusterBackend
{
    private const string ImageExpected = "harness (the harness's own broker in a container) or a Kafka image such as apache/kafka:3.9.1";

    /// <inheritdoc/>
    public string Kind => "containers";

    /// <inheritdoc/>
    public IReadOnlyList<string> Keys { get; } = ["brokers", "image"];

    /// <inheritdoc/>
    public IClusterSettings? Default { get; } = new ContainersClusterSettings(ContainersClusterSettings.HarnessBrokerImage, EmbeddedClusterSettings.DefaultBrokers);

    /// <inheritdoc/>
    public IClusterSettings? Read(MappingReader section)
    {
        var brokers = section.Integer("brokers", 1, 16);
        if (section.Find("brokers") is not null && brokers is null)
        {
            return null;
        }

        var image = section.Find("image") is null ? ContainersClusterSettings.HarnessBrokerImage : section.Text("image", required: true, ImageExpected);
        if (image is null)
        {
            return null;
        }

        if (image == ContainersClusterSettings.HarnessBrokerImage)
        {
            return new ContainersClusterSettings(image, (int)(brokers ?? EmbeddedClusterSettings.DefaultBrokers));
        }

        if (brokers is > 1)
        {
            // Testcontainers' Kafka module starts one broker per container; a multi-broker Kafka cluster in containers
            // needs a network of them, which the harness does not assemble.
            section.Context.Report(section.Find("brokers")!, $"{section.PathOf("brokers")} is {brokers}, but image {image} runs one broker per cluster", $"brokers: 1 with image {image}, or image: harness for {brokers} brokers");
            return null;
        }

        return new ContainersClusterSettings(image, 1);
    }

    /// <inheritdoc/>
    public async Task<IKafkaCluster> StartAsync(string role, IClusterSettings settings, SecuritySpec security, string? folder, CancellationToken cancellation)
    {
        var containers = (ContainersClusterSettings)settings;
        SecurityRefusal.UnlessPlaintext(security, role, $"a cluster that {containers.Capabilities.Description}");
        return containers.Image == ContainersClusterSettings.HarnessBrokerImage
            ? await ContainersKafkaCluster.StartAsync(role, containers.Brokers, cancellation).ConfigureAwait(false)
            : await KafkaImageCluster.StartAsync(role, containers.Image, cancellation).ConfigureAwait(false);
    }
}
