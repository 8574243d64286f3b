namespace Harness.Replicator.Connect;

/// <summary>
/// The connector plugins the stand-in knows: MirrorMaker 2's three, named as Connect names them (the full class name,
/// the simple name, or the simple name without its <c>Connector</c> suffix, as Connect's plugin aliases allow).
/// </summary>
public static class MirrorConnectorPlugins
{
    /// <summary>The version reported for every plugin and the worker; says plainly that this is no real Connect.</summary>
    public const string Version = "3.7.1-harness-stand-in";

    /// <summary>The converter MirrorMaker 2's connectors need: records are copied as bytes.</summary>
    public const string ByteArrayConverter = "org.apache.kafka.connect.converters.ByteArrayConverter";

    private const string Package = "org.apache.kafka.connect.mirror.";

    /// <summary>The plugins in the order <c>GET /connector-plugins</c> lists them.</summary>
    public static IReadOnlyList<(string ClassName, ConnectorKind Kind)> All { get; } =
    [
        (Package + "MirrorCheckpointConnector", ConnectorKind.Checkpoint),
        (Package + "MirrorHeartbeatConnector", ConnectorKind.Heartbeat),
        (Package + "MirrorSourceConnector", ConnectorKind.Source),
    ];

    /// <summary>The plugin a class name or alias names, or null.</summary>
    public static (string ClassName, ConnectorKind Kind)? Find(string? name)
    {
        var trimmed = name?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            return null;
        }

        foreach (var plugin in All)
        {
            var simple = plugin.ClassName[Package.Length..];
            if (trimmed == plugin.ClassName || trimmed == simple || trimmed == simple[..^"Connector".Length])
            {
                return plugin;
            }
        }

        return null;
    }

    /// <summary>The class of the tasks a connector of <paramref name="kind"/> runs, as Connect shows it in task configs.</summary>
    public static string TaskClass(ConnectorKind kind) => kind switch
    {
        ConnectorKind.Source => Package + "MirrorSourceTask",
        ConnectorKind.Checkpoint => Package + "MirrorCheckpointTask",
        _ => Package + "MirrorHeartbeatTask",
    };
}
