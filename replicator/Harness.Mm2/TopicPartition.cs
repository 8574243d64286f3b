using System.Globalization;

namespace Harness.Mm2;

/// <summary>A topic name and partition number, compared by value.</summary>
public sealed record TopicPartition
{
    /// <summary>Creates a topic-partition.</summary>
    /// <param name="topic">The topic name; must not be null.</param>
    /// <param name="partition">The partition number. Not range-checked, as Kafka does not check it either.</param>
    public TopicPartition(string topic, int partition)
    {
        ArgumentNullException.ThrowIfNull(topic);
        Topic = topic;
        Partition = partition;
    }

    /// <summary>The topic name.</summary>
    public string Topic { get; }

    /// <summary>The partition number.</summary>
    public int Partition { get; }

    /// <summary>Formats as Kafka does, <c>topic-partition</c>, so log lines read the same as MM2's.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Topic}-{Partition}");
}
