namespace Harness.Broker.Admin;

/// <summary>One source a config value could come from, most specific first.</summary>
internal sealed record ConfigSynonym(string Name, string? Value, ConfigSource Source);
