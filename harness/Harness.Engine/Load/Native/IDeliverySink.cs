namespace Harness.Engine.Load.Native;

/// <summary>Receives delivery reports in batches, on the thread that polls the producer.</summary>
internal interface IDeliverySink
{
    void Delivered(ReadOnlySpan<Delivery> deliveries);
}
