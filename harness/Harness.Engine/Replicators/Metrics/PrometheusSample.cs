namespace Harness.Engine.Replicators.Metrics;

/// <summary>One line of the Prometheus text exposition format: a series name, its labels and its value.</summary>
public sealed record PrometheusSample(string Name, IReadOnlyDictionary<string, string> Labels, double Value);
