namespace Harness.Engine.Sizing;

/// <summary>
/// Broker instance limits and rules of thumb, read from a YAML file (see docs/sizing.md), each figure with its
/// source: the sizing model takes them as input and never holds them as truth.
/// </summary>
public sealed record InstanceTable
{
    /// <summary>What the table describes, such as "Amazon MSK standard brokers".</summary>
    public required string Name { get; init; }

    /// <summary>Brokers come in multiples of this (one per availability zone). Default 1.</summary>
    public int Zones { get; init; } = 1;

    /// <summary>Rules of thumb reported with the sizing (CPU targets, storage formulas), by name.</summary>
    public IReadOnlyList<(string Name, string Value, string Source)> Rules { get; init; } = [];

    /// <summary>The instance types, smallest first as the table lists them.</summary>
    public required IReadOnlyList<InstanceType> Types { get; init; }
}
