using Harness.Replicator.Configuration;

namespace Harness.Replicator.Connect;

/// <summary>
/// What <see cref="ConnectorConfigTranslator"/> made of one connector config: the flow to run, or the errors of each
/// key, as Connect's validate endpoint reports them.
/// </summary>
public sealed record ConnectorValidation
{
    /// <summary>The connector config as given, in key order.</summary>
    public required IReadOnlyDictionary<string, string> Config { get; init; }

    /// <summary>The plugin's full class name, or the value given when it names no plugin.</summary>
    public required string ConnectorClass { get; init; }

    /// <summary>The kind of connector; null when <c>connector.class</c> names none of MirrorMaker 2's.</summary>
    public ConnectorKind? Kind { get; init; }

    /// <summary>The flow to run; null when there are errors.</summary>
    public ReplicatorSettings? Settings { get; init; }

    /// <summary>Error messages per connector config key; empty when the config is valid.</summary>
    public required IReadOnlyDictionary<string, IReadOnlyList<string>> Errors { get; init; }

    /// <summary>Keys accepted with no effect, one line each.</summary>
    public required IReadOnlyList<string> Warnings { get; init; }

    /// <summary>The number of errors, as Connect counts them (one per message).</summary>
    public int ErrorCount => Errors.Values.Sum(e => e.Count);

    /// <summary>Whether the config may run.</summary>
    public bool IsValid => ErrorCount == 0 && Settings is not null;

    /// <summary>
    /// Connect's message for a config that failed validation, as the 400 of <c>POST /connectors</c> and
    /// <c>PUT /connectors/{name}/config</c> carries it.
    /// </summary>
    public string RejectionMessage() =>
        $"Connector configuration is invalid and contains the following {ErrorCount} error(s):\n"
        + string.Join('\n', Errors.SelectMany(e => e.Value))
        + "\nYou can also find the above list of errors at the endpoint `/connector-plugins/{connectorType}/config/validate`";
}
