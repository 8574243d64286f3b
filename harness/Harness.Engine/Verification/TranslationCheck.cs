namespace Harness.Engine.Verification;

/// <summary>
/// One translated offset against the truth: the exact target position, the translation, how many
/// unconsumed records a switched-over consumer would skip (ahead) and how many it would read again.
/// </summary>
public sealed record TranslationCheck(long Exact, long? Translated, long Skipped, long Redelivery, bool BeyondEnd = false)
{
    /// <summary>
    /// True when the translation would skip records: ones already on the target, or (past the target's end)
    /// the next ones to arrive.
    /// </summary>
    public bool Ahead => Skipped > 0 || BeyondEnd;
}
