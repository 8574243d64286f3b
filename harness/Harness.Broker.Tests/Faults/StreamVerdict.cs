namespace Harness.Broker.Tests.Faults;

/// <summary>The outcome of a <see cref="SequencedStream"/>: every count but the first two must be zero.</summary>
internal sealed record StreamVerdict(
    long Produced,
    long Acknowledged,
    long DeliveryErrors,
    long Lost,
    long Duplicated,
    long Reordered,
    long ExtraRecordsInLog,
    IReadOnlyList<string> Problems,
    IReadOnlyList<string> ClientLog)
{
    public bool Clean => Acknowledged == Produced && DeliveryErrors == 0 && Lost == 0 && Duplicated == 0 && Reordered == 0 && ExtraRecordsInLog == 0 && Problems.Count == 0;

    public override string ToString() =>
        $"produced {Produced}, acknowledged {Acknowledged}, delivery errors {DeliveryErrors}, lost {Lost}, duplicated {Duplicated}, " +
        $"reordered {Reordered}, extra records in the log {ExtraRecordsInLog}\n" +
        $"problems:\n  {string.Join("\n  ", Problems)}\nclient log (last lines):\n  {string.Join("\n  ", ClientLog.TakeLast(60))}";
}
