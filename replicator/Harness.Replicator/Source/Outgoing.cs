using Confluent.Kafka;

namespace Harness.Replicator.Source;

/// <summary>A record on its way to the target, with the source position its acknowledgement confirms.</summary>
/// <param name="Message">Key, value, headers and timestamp as read from the source.</param>
/// <param name="Source">The source topic and partition.</param>
/// <param name="SourceOffset">Offset of the record in its source partition.</param>
/// <param name="Partition">Target partition (the source's, unless sabotage misroutes it).</param>
internal sealed record Outgoing(Message<byte[]?, byte[]?> Message, (string Topic, int Partition) Source, long SourceOffset, int Partition);
