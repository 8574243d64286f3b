using Harness.Engine.Scenarios;
using Harness.Engine.Scenarios.Parsing;
using Harness.Engine.Security;

namespace Harness.Engine.Clusters.Embedded;

/// <summary><c>kind: embedded</c> (the default): the harness's own brokers in this process.</summary>
public sealed class EmbeddedClusterBackend : IClusterBackend
{
    /// <inheritdoc/>
    public string Kind => "embedded";

    /// <inheritdoc/>
    public IReadOnlyList<string> Keys { get; } = ["brokers"];

    /// <inheritdoc/>
    public IClusterSettings? Default { get; } = new EmbeddedClusterSettings(EmbeddedClusterSettings.DefaultBrokers);

    /// <inheritdoc/>
    public IClusterSettings? Read(MappingReader section)
    {
        var brokers = section.Integer("brokers", 1, 16);
        return section.Find("brokers") is not null && brokers is null
            ? null
            : new EmbeddedClusterSettings((int)(brokers ?? EmbeddedClusterSettings.DefaultBrokers));
    }

    /// <inheritdoc/>
    public Task<IKafkaCluster> StartAsync(string role, IClusterSettings settings, SecuritySpec security, CancellationToken cancellation)
    {
        return Task.FromResult<IKafkaCluster>(EmbeddedKafkaCluster.Start(role, ((EmbeddedClusterSettings)settings).Brokers, EmbeddedSecurity.For(security, role)));
    }
}
