namespace Harness.Replicator.Connect;

/// <summary>A connector as the config topic keeps it: its config and whether it was paused.</summary>
/// <param name="Name">The connector's name.</param>
/// <param name="Config">Its config, as last submitted.</param>
/// <param name="Paused">Whether it was paused when last changed.</param>
public sealed record StoredConnector(string Name, IReadOnlyDictionary<string, string> Config, bool Paused);
