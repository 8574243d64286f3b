namespace Harness.Engine.Load;

/// <summary>Identifies one producer's record stream into one source partition.</summary>
public readonly record struct LedgerKey(string Topic, int Partition, int ProducerId);
