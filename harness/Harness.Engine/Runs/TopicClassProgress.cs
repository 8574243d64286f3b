namespace Harness.Engine.Runs;

/// <summary>
/// One traffic class's share of a sample (<c>high</c>, <c>medium</c>, <c>low</c>, or <c>all</c> when no topic declares
/// a <c>volume</c>), read from the clusters' watermarks.
/// </summary>
/// <param name="Class">The class's name as the scenario writes it, or <c>all</c> / <c>other</c> for undeclared topics.</param>
/// <param name="Topics">How many topics the class holds.</param>
/// <param name="Produced">Records the source holds in the class's topics (their high watermarks).</param>
/// <param name="Replicated">Records the target holds in the class's remote topics.</param>
/// <param name="Lag">Records the target is behind, summed per partition.</param>
public sealed record TopicClassProgress(string Class, int Topics, long Produced, long Replicated, long Lag);
