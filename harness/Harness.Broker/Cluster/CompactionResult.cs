namespace Harness.Broker.Cluster;

/// <summary>What one pass of the cleaner did to a partition: records and batches removed, bytes freed.</summary>
/// <param name="RecordsRemoved">Records dropped: superseded, expired tombstones, aborted data and removed markers.</param>
/// <param name="BatchesRemoved">Batches left with no record and dropped whole.</param>
/// <param name="BytesFreed">Stored bytes before minus after.</param>
/// <param name="CleanableEnd">The first offset the pass did not consider (the uncleanable head starts here).</param>
public readonly record struct CompactionResult(long RecordsRemoved, long BatchesRemoved, long BytesFreed, long CleanableEnd)
{
    /// <summary>The sum of two results (over partitions); the cleanable end is the larger one's.</summary>
    public static CompactionResult operator +(CompactionResult a, CompactionResult b) =>
        new(a.RecordsRemoved + b.RecordsRemoved, a.BatchesRemoved + b.BatchesRemoved, a.BytesFreed + b.BytesFreed, Math.Max(a.CleanableEnd, b.CleanableEnd));

    /// <summary>Same as the + operator, for languages without operators.</summary>
    public static CompactionResult Add(CompactionResult left, CompactionResult right) => left + right;
}
