namespace Harness.Engine.Verification;

/// <summary>
/// A source topic, its remote name on the target and its partition count; a <paramref name="Compacted"/> topic is
/// verified per key as well as per record.
/// </summary>
public sealed record VerifiedTopic(string Source, string Target, int Partitions, bool Compacted = false);
