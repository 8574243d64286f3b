using Harness.Broker.Protocol;

namespace Harness.Broker.Groups;

/// <summary>
/// Reads the consumer protocol subscription (version INT16, topics ARRAY of STRING, then fields this broker
/// does not need) that consumers put in their JoinGroup metadata, so OffsetDelete can tell which topics an
/// active group still consumes.
/// </summary>
internal static class ConsumerProtocol
{
    public const string ProtocolType = "consumer";

    /// <summary>The subscribed topics, or null when the metadata is not a consumer subscription.</summary>
    public static IReadOnlyList<string>? SubscribedTopics(byte[] metadata)
    {
        try
        {
            var reader = new KafkaReader(metadata, 0, metadata.Length);
            if (reader.ReadInt16() < 0)
            {
                return null;
            }

            var count = reader.ReadArrayLength();
            var topics = new List<string>(Math.Max(count, 0));
            for (var i = 0; i < count; i++)
            {
                topics.Add(reader.ReadString());
            }

            return topics;
        }
        catch (ProtocolException)
        {
            return null;
        }
    }
}
