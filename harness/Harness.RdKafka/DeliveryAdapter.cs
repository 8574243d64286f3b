namespace Harness.RdKafka;

/// <summary>
/// Turns librdkafka's delivered messages into <see cref="Delivery"/> values for an <see cref="IDeliverySink"/>, so
/// both kinds of sink are served by one polling loop. One per producer, reused: nothing is allocated per poll.
/// </summary>
internal sealed unsafe class DeliveryAdapter : IDeliveredMessageSink
{
    public IDeliverySink? Target { get; set; }

    public void Delivered(ReadOnlySpan<nint> messages)
    {
        Span<Delivery> batch = stackalloc Delivery[messages.Length];
        for (var i = 0; i < messages.Length; i++)
        {
            var message = (RdKafkaMessage*)messages[i];
            batch[i] = new Delivery(message->Partition, message->Offset, message->Opaque, message->Error);
        }

        Target!.Delivered(batch);
    }
}
