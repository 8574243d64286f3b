using System.Reflection;
using Confluent.Kafka;

namespace Harness.Replicator.Tests.Checkpoints;

/// <summary>
/// A consumer whose partition ends at <see cref="End"/> but holds no record below it that it would deliver (a reader
/// reset past them, or offsets the log no longer has): it reports only the end of the partition.
/// </summary>
// Not sealed: DispatchProxy derives the proxy type from it.
public class EndOnlyConsumer : DispatchProxy
{
    public long End { get; set; }

    public static (IConsumer<byte[]?, byte[]?> Consumer, EndOnlyConsumer Control) Create(long end)
    {
        var consumer = Create<IConsumer<byte[]?, byte[]?>, EndOnlyConsumer>();
        var control = (EndOnlyConsumer)(object)consumer;
        control.End = end;
        return (consumer, control);
    }

    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args) => targetMethod?.Name switch
    {
        "QueryWatermarkOffsets" => new WatermarkOffsets(0, End),
        "Assign" or "Close" or "Dispose" => null,
        "Consume" => new ConsumeResult<byte[]?, byte[]?>
        {
            TopicPartitionOffset = new TopicPartitionOffset("mm2-offset-syncs.target.internal", 0, End),
            IsPartitionEOF = true,
        },
        _ => throw new NotSupportedException($"{targetMethod?.Name} is not used by the offset-sync reader"),
    };
}
