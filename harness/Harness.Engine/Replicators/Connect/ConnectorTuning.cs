namespace Harness.Engine.Replicators.Connect;

/// <summary>One connector's own settings (<c>connectors: {high: {tasks: 8, properties: {...}}}</c>).</summary>
/// <param name="Tasks">Its <c>tasks.max</c>, or <see langword="null"/> for the replicator's <c>tasks</c>.</param>
/// <param name="Properties">Connector config laid over everything else, for this connector only.</param>
public sealed record ConnectorTuning(int? Tasks, IReadOnlyDictionary<string, string> Properties);
