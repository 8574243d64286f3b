namespace Harness.RdKafka.Tests;

/// <summary>One record header; a null value is Kafka's null header value, distinct from an empty one.</summary>
internal sealed record SampleHeader(string Name, byte[]? Value);
