namespace Harness.Engine.Load;

/// <summary>The latest record one producer sent with a key into one partition: its sequence, and whether it deletes the key.</summary>
public readonly record struct KeySent(long Sequence, bool Tombstone);
