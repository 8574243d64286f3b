namespace Harness.RdKafka;

/// <summary>Receives delivery reports in batches, on the thread that polls the producer.</summary>
public interface IDeliverySink
{
    void Delivered(ReadOnlySpan<Delivery> deliveries);
}
