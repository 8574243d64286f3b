using Harness.Replicator.Connect;

namespace Harness.Replicator.Tests.Support;

/// <summary>A config store in memory, for routing tests that need no Kafka; it records what was written.</summary>
internal sealed class InMemoryConnectorConfigStore : IConnectorConfigStore
{
    private readonly List<StoredConnector> _connectors = [];

    public List<string> Writes { get; } = [];

    public IReadOnlyList<StoredConnector> Load()
    {
        lock (_connectors)
        {
            return [.. _connectors];
        }
    }

    public void PutConfig(string name, IReadOnlyDictionary<string, string> config)
    {
        lock (_connectors)
        {
            var index = _connectors.FindIndex(c => c.Name == name);
            var paused = index >= 0 && _connectors[index].Paused;
            var stored = new StoredConnector(name, new Dictionary<string, string>(config), paused);
            if (index >= 0)
            {
                _connectors[index] = stored;
            }
            else
            {
                _connectors.Add(stored);
            }

            Writes.Add($"config {name}");
        }
    }

    public void PutPaused(string name, bool paused)
    {
        lock (_connectors)
        {
            var index = _connectors.FindIndex(c => c.Name == name);
            _connectors[index] = _connectors[index] with { Paused = paused };
            Writes.Add($"{(paused ? "paused" : "started")} {name}");
        }
    }

    public void Delete(string name)
    {
        lock (_connectors)
        {
            _connectors.RemoveAll(c => c.Name == name);
            Writes.Add($"delete {name}");
        }
    }
}
