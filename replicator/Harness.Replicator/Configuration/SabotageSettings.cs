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

    /// <summary>True when any defect is switched on.</summary>
    public bool Any => DropEvery > 0 || DuplicateEvery > 0 || ReorderEvery > 0 || CorruptHeaderEvery > 0 || CorruptValueEvery > 0 || MisrouteEvery > 0 || CheckpointsAheadBy > 0 || CopyAborted;

    /// <summary>A one-line description for logs.</summary>
    public override string ToString() =>
        $"drop every {DropEvery}, duplicate every {DuplicateEvery}, reorder every {ReorderEvery}, corrupt header every {CorruptHeaderEvery}, corrupt value every {CorruptValueEvery}, misroute every {MisrouteEvery}, checkpoints ahead by {CheckpointsAheadBy}, copy aborted {(CopyAborted ? "true" : "false")}";
}
