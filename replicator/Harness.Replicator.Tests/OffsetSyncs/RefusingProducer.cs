using System.Reflection;
using Confluent.Kafka;

namespace Harness.Replicator.Tests.OffsetSyncs;

/// <summary>
/// A producer whose <c>Produce</c> throws the errors queued in <see cref="Refusals"/>, one per call, then records what
/// it is given: the offset-sync writer's reaction to a refusal is the thing under test, not a cluster.
/// </summary>
// Not sealed: DispatchProxy derives the proxy type from it.
public class RefusingProducer : DispatchProxy
{
    public Queue<Error> Refusals { get; } = new();

    public List<Message<byte[]?, byte[]?>> Produced { get; } = [];

    public static (IProducer<byte[]?, byte[]?> Producer, RefusingProducer Control) Create()
    {
        var producer = Create<IProducer<byte[]?, byte[]?>, RefusingProducer>();
        return (producer, (RefusingProducer)(object)producer);
    }

    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
    {
        if (targetMethod?.Name != "Produce" || args is null)
        {
            throw new NotSupportedException($"{targetMethod?.Name} is not used by the offset-sync writer");
        }

        var message = (Message<byte[]?, byte[]?>)args[1]!;
        if (Refusals.TryDequeue(out var error))
        {
            throw new ProduceException<byte[]?, byte[]?>(error, new DeliveryResult<byte[]?, byte[]?> { Message = message });
        }

        Produced.Add(message);
        return null;
    }
}
