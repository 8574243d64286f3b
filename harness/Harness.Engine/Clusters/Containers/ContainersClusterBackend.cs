using Harness.Engine.Clusters.Embedded;
using Harness.Engine.Runs;
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
        if (containers.Image == ContainersClusterSettings.HarnessBrokerImage)
        {
            return await ContainersKafkaCluster.StartAsync(role, containers.Brokers, security, folder, cancellation).ConfigureAwait(false);
        }

        // Testcontainers' Kafka module configures a PLAINTEXT listener of its own; TLS and SASL would need the image's
        // listener, JAAS and keystore settings, which the harness does not assemble.
        if (security.Protocol != Confluent.Kafka.SecurityProtocol.Plaintext)
        {
            throw new HarnessException(
                $"clusters.{role}.security: image {containers.Image} is started PLAINTEXT only (the harness does not configure a Kafka image's TLS or SASL listeners); use image: harness, kind: embedded or kind: external for a secured cluster",
                ExitCodes.BadInput);
        }

        return await KafkaImageCluster.StartAsync(role, containers.Image, cancellation).ConfigureAwait(false);
    }
}
