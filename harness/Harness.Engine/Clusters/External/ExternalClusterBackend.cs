using System.Globalization;
using Harness.Engine.Scenarios;
using Harness.Engine.Scenarios.Parsing;
using Harness.Engine.Security;

namespace Harness.Engine.Clusters.External;

/// <summary><c>kind: external</c>: a cluster that already runs, given by its bootstrap servers.</summary>
public sealed class ExternalClusterBackend : IClusterBackend
{
    private const string BootstrapExpected = "bootstrap servers as host:port, comma-separated, such as kafka-1:9092,kafka-2:9092";

    /// <inheritdoc/>
    public string Kind => "external";

    /// <inheritdoc/>
    public IReadOnlyList<string> Keys { get; } = ["bootstrap"];

    /// <inheritdoc/>
    public IClusterSettings? Default => null;

    /// <inheritdoc/>
    public IClusterSettings? Read(MappingReader section)
    {
        if (section.Text("bootstrap", required: true, BootstrapExpected) is not { } bootstrap)
        {
            return null;
        }

        if (!IsBootstrapList(bootstrap))
        {
            section.Context.Report(section.Find("bootstrap")!, $"{section.PathOf("bootstrap")} is {ParseContext.Describe(section.Find("bootstrap")!)}", BootstrapExpected);
            return null;
        }

        return new ExternalClusterSettings(bootstrap);
    }

    /// <inheritdoc/>
    public Task<IKafkaCluster> StartAsync(string role, IClusterSettings settings, SecuritySpec security, string? folder, CancellationToken cancellation) =>
        Task.FromResult<IKafkaCluster>(new ExternalKafkaCluster(role, ((ExternalClusterSettings)settings).Bootstrap));

    private static bool IsBootstrapList(string text) =>
        text.Split(',').All(server =>
        {
            var entry = server.Trim();
            var colon = entry.LastIndexOf(':');
            return colon > 0
                && int.TryParse(entry[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var port)
                && port is > 0 and <= 65535;
        });
}
