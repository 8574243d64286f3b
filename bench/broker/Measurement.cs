namespace Harness.Broker.Bench;

/// <summary>One timed run of a client tool over a number of records, and the CPU time the broker and client spent meanwhile.</summary>
internal sealed record Measurement(string Client, string Operation, long Records, long Bytes, TimeSpan Elapsed)
{
    public TimeSpan BrokerCpu { get; init; }

    /// <summary>CPU time of the client: this process for Confluent.Kafka (librdkafka threads included); null for kcat.</summary>
    public TimeSpan? ClientCpu { get; init; }

    public double RecordsPerSecond => Records / Elapsed.TotalSeconds;

    public double MegabytesPerSecond => Bytes / Elapsed.TotalSeconds / (1 << 20);
}
