namespace Harness.Broker.Cluster;

/// <summary>A config the broker knows: its default and the values it accepts.</summary>
internal sealed record ConfigDefinition(string Name, string Default, ConfigType Type, string[]? Allowed = null, bool Sensitive = false);
