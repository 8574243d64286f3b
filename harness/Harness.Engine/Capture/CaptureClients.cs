using Confluent.Kafka;

namespace Harness.Engine.Capture;

/// <summary>
/// Client settings of a capture. The consumer only ever assigns partitions: it never joins a group, never commits
/// and never asks for a topic to be created, so the cluster looks the same after a capture as before.
/// </summary>
internal static class CaptureClients
{
    public static AdminClientConfig Admin(CaptureOptions options) =>
        new(Settings(options)) { BootstrapServers = options.Bootstrap, ClientId = "harness-capture" };

    public static ConsumerConfig Consumer(CaptureOptions options) => new(Settings(options))
    {
        BootstrapServers = options.Bootstrap,
        ClientId = "harness-capture",

        // librdkafka insists on a group id even for assign(); this one is never joined, committed or stored.
        GroupId = $"harness-capture-{Guid.NewGuid():N}",
        EnableAutoCommit = false,
        EnableAutoOffsetStore = false,
        AllowAutoCreateTopics = false,
        EnablePartitionEof = false,
    };

    /// <summary>The user's settings first, so the capture's own read-only settings above always win.</summary>
    private static Dictionary<string, string> Settings(CaptureOptions options) => new(options.ClientSettings, StringComparer.Ordinal);
}
