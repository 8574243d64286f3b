namespace Harness.Engine.Verification;

/// <summary>The verifier's findings, whether it read the whole target, and the offset maps for translation checks.</summary>
public sealed record VerificationOutcome(VerificationResult Result, bool Complete, IReadOnlyList<string> Unread, TranslationMaps Maps);
