namespace Harness.RdKafka.Tests;

/// <summary>Counts delivery reports and keeps the error codes of failed ones.</summary>
internal sealed class CollectingSink : IDeliverySink
{
    public int Count { get; private set; }

    public List<int> Errors { get; } = [];

    public void Delivered(ReadOnlySpan<Delivery> deliveries)
    {
        foreach (var delivery in deliveries)
        {
            Count++;
            if (delivery.Error != 0)
            {
                Errors.Add(delivery.Error);
            }
        }
    }
}
