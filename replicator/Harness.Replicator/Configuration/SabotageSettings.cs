namespace Harness.Replicator.Configuration;

/// <summary>
/// Deliberate defects, off unless set explicitly with `harness.sabotage.*` keys. They exist only so the
/// verifier's tests can prove each defect class is detected; a run with any of them set says so loudly.
/// </summary>
public sealed record SabotageSettings
{
    /// <summary>No sabotage.</summary>
    public static SabotageSettings None { get; } = new();

    /// <summary>Drop every Nth record (0 = off).</summary>
    public long DropEvery { get; init; }

    /// <summary>Write every Nth record twice (0 = off).</summary>
    public long DuplicateEvery { get; init; }

    /// <summary>Swap every Nth record with the one after it within its partition (0 = off).</summary>
    public long ReorderEvery { get; init; }

    /// <summary>Corrupt a header of every Nth record (0 = off).</summary>
    public long CorruptHeaderEvery { get; init; }

    /// <summary>Flip a bit in the last value byte of every Nth record (0 = off).</summary>
    public long CorruptValueEvery { get; init; }

    /// <summary>Send every Nth record to the next partition (0 = off).</summary>
    public long MisrouteEvery { get; init; }

    /// <summary>Write checkpoints this many offsets ahead of the true translation (0 = off).</summary>
    public long CheckpointsAheadBy { get; init; }

    /// <summary>Read the source at read_uncommitted, so records of aborted transactions are copied too (off by default).</summary>
    public bool CopyAborted { get; init; }

    /// <summary>
    /// For the keys whose FNV-1a hash is a multiple of N (0 = off), never write their latest record: records are held per
    /// partition until it is read to its end, and the last record of each such key among them is dropped. On a
    /// compacted topic the target then ends with an older value of those keys, or none.
    /// </summary>
    public long DropLatestKeyEvery { get; init; }

    /// <summary>True when any defect is switched on.</summary>
    public bool Any => DropEvery > 0 || DuplicateEvery > 0 || ReorderEvery > 0 || CorruptHeaderEvery > 0 || CorruptValueEvery > 0 || MisrouteEvery > 0 || CheckpointsAheadBy > 0 || CopyAborted || DropLatestKeyEvery > 0;

    /// <summary>Whether the key <paramref name="key"/> is one whose latest record <see cref="DropLatestKeyEvery"/> drops.</summary>
    public bool DropsLatestOf(ReadOnlySpan<byte> key)
    {
        if (DropLatestKeyEvery <= 0)
        {
            return false;
        }

        // FNV-1a, 32 bits: stable across processes and runs, so a test can tell which keys are hit.
        var hash = 2166136261u;
        foreach (var b in key)
        {
            hash = unchecked((hash ^ b) * 16777619u);
        }

        return hash % (ulong)DropLatestKeyEvery == 0;
    }

    /// <summary>A one-line description for logs.</summary>
    public override string ToString() =>
        $"drop every {DropEvery}, duplicate every {DuplicateEvery}, reorder every {ReorderEvery}, corrupt header every {CorruptHeaderEvery}, corrupt value every {CorruptValueEvery}, misroute every {MisrouteEvery}, checkpoints ahead by {CheckpointsAheadBy}, copy aborted {(CopyAborted ? "true" : "false")}"
        + (DropLatestKeyEvery > 0 ? $", drop the latest record of keys hashing to a multiple of {DropLatestKeyEvery}" : "");
}
