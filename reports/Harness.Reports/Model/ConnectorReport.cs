namespace Harness.Reports.Model;

/// <summary>
/// One Kafka Connect connector the harness ran (a MirrorMaker 2 connector on a Connect cluster), with its states over
/// the run as the harness saw them through Connect's REST API.
/// </summary>
public sealed record ConnectorReport
{
    /// <summary>The connector's name on the Connect cluster (the harness owns it for the run).</summary>
    public required string Name { get; init; }

    /// <summary>Its <c>connector.class</c>, for example <c>org.apache.kafka.connect.mirror.MirrorSourceConnector</c>.</summary>
    public required string Class { get; init; }

    /// <summary>What it does in the run: <c>source-high</c>, <c>source-medium</c>, <c>source-low</c>, <c>source</c>, <c>checkpoint</c> or <c>heartbeat</c>.</summary>
    public string Role { get; init; } = "";

    /// <summary>Its <c>tasks.max</c>.</summary>
    public int TasksMax { get; init; }

    /// <summary>The source topics it copies (source connectors only).</summary>
    public IReadOnlyList<string> Topics { get; init; } = [];

    /// <summary>Each change of the connector's or a task's state, in time order; the first is the first state seen.</summary>
    public IReadOnlyList<ConnectorStateChange> States { get; init; } = [];
}
