using Harness.Engine.Verification;

namespace Harness.Engine.Apps;

/// <summary>
/// What one consumer app has read of one key: the sequences seen (as ranges, so a key read in order costs one range),
/// the newest seen, and how far it had read contiguously when it left the source.
/// </summary>
internal sealed class KeyReadState
{
    public SequenceRangeSet Seen { get; } = new();

    public long Newest { get; set; } = -1;

    /// <summary>Sequences below this were read on the source before the move; a re-read of one on the target crosses the boundary.</summary>
    public long ReadBeforeMove { get; set; }
}
