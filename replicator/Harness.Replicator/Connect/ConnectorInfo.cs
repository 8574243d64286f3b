namespace Harness.Replicator.Connect;

/// <summary>A connector as <c>GET /connectors/{name}</c> shows it: its config and its tasks (all MM2 connectors are sources).</summary>
/// <param name="Name">The connector's name.</param>
/// <param name="Config">Its config.</param>
/// <param name="TaskCount">How many tasks it has, numbered from 0.</param>
public sealed record ConnectorInfo(string Name, IReadOnlyDictionary<string, string> Config, int TaskCount);
