namespace Harness.Engine.Replicators.Connect;

/// <summary>One Connect worker the harness starts: its config file, its log and its REST URL.</summary>
internal sealed record ConnectWorkerDefinition(string ConfigPath, string LogPath, Uri RestUrl);
