using Harness.Engine.Scenarios;

namespace Harness.Engine.Apps;

/// <summary>
/// What every member of one app's group shares: the spec, the topic names on each cluster (each mapped back to its
/// source name), the tracker and the ledger of offsets processed on the target.
/// </summary>
internal sealed record ConsumerGroupSettings(
    string App,
    AppConsumerSpec Spec,
    IReadOnlyDictionary<string, string> SourceTopics,
    IReadOnlyDictionary<string, string> TargetTopics,
    ConsumerAppTracker Tracker,
    ulong RunId,
    TimeProvider Time)
{
    public AppOffsetLedger TargetOffsets { get; } = new();
}
