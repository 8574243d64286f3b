using Confluent.Kafka;
using Harness.Engine.Capture;

namespace Harness.Engine.Tests.Capture;

public sealed class SampleAllocationTests
{
    [Test]
    public void Partitions_with_few_records_give_what_they_have_and_the_rest_is_shared_by_the_others()
    {
        var available = new Dictionary<TopicPartition, long> { [Partition(0)] = 10, [Partition(1)] = 1_000, [Partition(2)] = 0, [Partition(3)] = 500 };

        var allocation = TopicSampler.Allocate(available, 600);

        allocation.Values.Sum().Should().Be(600);
        allocation.Should().Contain(Partition(0), 10).And.Contain(Partition(2), 0);
        allocation[Partition(1)].Should().Be(295);
        allocation[Partition(3)].Should().Be(295);
    }

    [Test]
    public void A_sample_larger_than_the_topic_takes_every_record()
    {
        var available = new Dictionary<TopicPartition, long> { [Partition(0)] = 7, [Partition(1)] = 3 };

        TopicSampler.Allocate(available, 1_000).Should().BeEquivalentTo(available);
    }

    private static TopicPartition Partition(int partition) => new("t", partition);
}
