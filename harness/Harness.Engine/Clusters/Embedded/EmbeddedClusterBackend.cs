using Harness.Broker.Storage;
using Harness.Engine.Runs;
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
    public IReadOnlyList<string> Keys { get; } = ["brokers", "storage"];

    private static readonly Choices<StorageKind> Storages = new(("memory", StorageKind.Memory), ("disk", StorageKind.Disk));

    /// <inheritdoc/>
    public IClusterSettings? Default { get; } = new EmbeddedClusterSettings(EmbeddedClusterSettings.DefaultBrokers);

    /// <inheritdoc/>
    public IClusterSettings? Read(MappingReader section)
    {
        var brokers = section.Integer("brokers", 1, 16);
        var storage = section.Choice("storage", Storages);
        return (section.Find("brokers") is not null && brokers is null) || (section.Find("storage") is not null && storage is null)
            ? null
            : new EmbeddedClusterSettings((int)(brokers ?? EmbeddedClusterSettings.DefaultBrokers), storage);
    }

    /// <inheritdoc/>
    public Task<IKafkaCluster> StartAsync(string role, IClusterSettings settings, SecuritySpec security, string? folder, CancellationToken cancellation)
    {
        try
        {
            return Task.FromResult<IKafkaCluster>(EmbeddedKafkaCluster.Start(role, (EmbeddedClusterSettings)settings, EmbeddedSecurity.For(security, role, folder)));
        }
        catch (ArgumentException e)
        {
            // A --data-dir that already holds a log (a kept one), or a bad HARNESS_BROKER_STORAGE: the message names it and the fix.
            throw new HarnessException($"{role} cluster: {e.Message.Split(" (Parameter", 2)[0]}", ExitCodes.BadInput, e);
        }
    }
}
