namespace Harness.RdKafka.Tests;

/// <summary>One record as a test sends and expects it back.</summary>
internal sealed record SampleRecord(int Partition, byte[]? Key, byte[]? Value, long Timestamp, List<SampleHeader> Headers);
