namespace Harness.Broker.Admin;

/// <summary>One change of an IncrementalAlterConfigs resource.</summary>
internal sealed record ConfigAlteration(string Name, AlterConfigOperation Operation, string? Value);
