using Harness.Engine.Load;

namespace Harness.Engine.Verification;

/// <summary>One record of a key: whose stream and sequence it is, whether it deletes the key, and where it sits (-1 when not on the target).</summary>
internal readonly record struct KeyCopy(LedgerKey Stream, long Sequence, bool Tombstone, long Offset);
