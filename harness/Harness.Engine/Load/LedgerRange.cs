namespace Harness.Engine.Load;

/// <summary>A run of acknowledged records whose sequences and source offsets both increase by one.</summary>
public readonly record struct LedgerRange(long FirstSequence, long FirstOffset, long Count)
{
    /// <summary>One past the last sequence of the range.</summary>
    public long EndSequence => FirstSequence + Count;

    /// <summary>One past the last source offset of the range.</summary>
    public long EndOffset => FirstOffset + Count;
}
