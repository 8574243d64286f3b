namespace Harness.RdKafka;

/// <summary>One record's delivery report: where it landed (or the librdkafka error code), and the opaque it was sent with.</summary>
public readonly record struct Delivery(int Partition, long Offset, long Opaque, int Error);
