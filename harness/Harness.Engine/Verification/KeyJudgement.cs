using Harness.Engine.Load;

namespace Harness.Engine.Verification;

/// <summary>
/// The per-key verdict of one compacted partition: how many keys were checked, the defects, and the source's latest
/// record of every key (the records a missing copy of is a defect, where any other missing record was compacted).
/// </summary>
internal sealed record KeyJudgement(long Keys, IReadOnlyList<KeyDefect> Defects, IReadOnlySet<(LedgerKey Stream, long Sequence)> Latest)
{
    public long KeysLost => Defects.Count(d => d.Anomaly == AnomalyClass.KeyLost);

    public long StaleKeys => Defects.Count(d => d.Anomaly == AnomalyClass.StaleKey);
}
