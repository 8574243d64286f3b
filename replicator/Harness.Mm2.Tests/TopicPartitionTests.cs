namespace Harness.Mm2.Tests;

public sealed class TopicPartitionTests
{
    [Test]
    public void Formats_like_Kafka() => new TopicPartition("orders", 3).ToString().Should().Be("orders-3");

    [Test]
    public void Compares_by_value()
    {
        new TopicPartition("orders", 3).Should().Be(new TopicPartition("orders", 3));
        new TopicPartition("orders", 3).Should().NotBe(new TopicPartition("orders", 4));
        new TopicPartition("orders", 3).GetHashCode().Should().Be(new TopicPartition("orders", 3).GetHashCode());
    }

    [Test]
    public void Rejects_a_null_topic()
    {
        var act = () => new TopicPartition(null!, 0);

        act.Should().Throw<ArgumentNullException>();
    }
}
