using Confluent.Kafka;

namespace Harness.RdKafka;

/// <summary>
/// Lists a cluster's consumer groups without Confluent.Kafka's <c>ListConsumerGroupsAsync</c>. In Confluent.Kafka
/// 2.16.0 that call turns the result's per-broker errors into <see cref="Error"/>s with the constructor that destroys
/// the native error, but those errors belong to the result event, which frees them again when it goes: a listing that
/// one broker fails (a broker down, the very moment a rehearsal creates) corrupts the heap, and the process dies later
/// with <c>free(): double free detected in tcache 2</c> in <c>rd_kafka_ListConsumerGroupsResult_free</c>. The older
/// ListGroups path returns plain error codes and owns nothing twice.
/// </summary>
public static class ConsumerGroupIds
{
    /// <summary>
    /// The ids of the consumer groups (protocol type <c>consumer</c>, or none for groups that only commit offsets, as
    /// Kafka's <c>Admin.listConsumerGroups</c> counts them; Connect workers' groups are not consumer groups), sorted.
    /// </summary>
    /// <exception cref="KafkaException">A broker did not answer within <paramref name="timeout"/>, or answered with an error.</exception>
    public static Task<IReadOnlyList<string>> ListAsync(IAdminClient admin, TimeSpan timeout)
    {
        ArgumentNullException.ThrowIfNull(admin);

        // The call blocks for up to the timeout; the callers are asynchronous loops that must not hold a thread meanwhile.
        return Task.Run<IReadOnlyList<string>>(() =>
        [
            .. admin.ListGroups(timeout)
                .Where(g => !g.Error.IsError && g.ProtocolType is "consumer" or "")
                .Select(g => g.Group)
                .Distinct(StringComparer.Ordinal)
                .Order(StringComparer.Ordinal),
        ]);
    }
}
