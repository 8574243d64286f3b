namespace Harness.Engine.Verification;

/// <summary>
/// One translated offset against the truth: the exact target position, the translation, how many
/// unconsumed records a switched-over consumer would skip (ahead) and how many it would read again.
/// </summary>
public sealed record TranslationCheck(long Exact, long? Translated, long Skipped, long Redelivery)
{
    /// <summary>True when the translation would skip records.</summary>
    public bool Ahead => Skipped > 0;
}
