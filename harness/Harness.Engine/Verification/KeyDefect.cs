namespace Harness.Engine.Verification;

/// <summary>
/// A key whose final state on the target is not the source's: <paramref name="Source"/> is its latest record on the
/// source (at its source offset), <paramref name="Target"/> its latest on the target, if any.
/// </summary>
internal sealed record KeyDefect(long KeyIndex, AnomalyClass Anomaly, KeyCopy Source, KeyCopy? Target);
