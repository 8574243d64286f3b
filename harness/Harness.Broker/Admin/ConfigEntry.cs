using Harness.Broker.Cluster;

namespace Harness.Broker.Admin;

/// <summary>One config as DescribeConfigs reports it.</summary>
internal sealed record ConfigEntry(
    string Name,
    string? Value,
    bool ReadOnly,
    ConfigSource Source,
    bool Sensitive,
    ConfigType Type,
    string? Documentation,
    IReadOnlyList<ConfigSynonym> Synonyms)
{
    /// <summary>The v0 is_default flag: true when nothing set the value.</summary>
    public bool IsDefault => Source == ConfigSource.DefaultConfig;
}
