namespace Harness.Replicator.Connect;

/// <summary>
/// Where a worker keeps its connectors so that a worker started again (after a SIGKILL, in a new process) runs them
/// again, as Connect keeps them in its config topic.
/// </summary>
public interface IConnectorConfigStore
{
    /// <summary>Every connector stored, in the order they were first created.</summary>
    IReadOnlyList<StoredConnector> Load();

    /// <summary>Stores a connector's config, replacing any earlier one; returns once it is durable.</summary>
    void PutConfig(string name, IReadOnlyDictionary<string, string> config);

    /// <summary>Stores whether a connector is paused; returns once it is durable.</summary>
    void PutPaused(string name, bool paused);

    /// <summary>Removes a connector; returns once the removal is durable.</summary>
    void Delete(string name);
}
