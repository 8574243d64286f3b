namespace Harness.Engine.Verification;

/// <summary>A source topic, its remote name on the target and its partition count.</summary>
public sealed record VerifiedTopic(string Source, string Target, int Partitions);
