using Harness.Broker.Protocol;

namespace Harness.Broker.Transactions;

/// <summary>InitProducerId's answer: an error, or the producer id and epoch to use.</summary>
internal readonly record struct ProducerIdAndEpoch(ErrorCode Error, long ProducerId, short Epoch)
{
    public static ProducerIdAndEpoch Failed(ErrorCode error) => new(error, -1, -1);
}
