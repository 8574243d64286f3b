using Confluent.Kafka;
using Harness.Mm2.Records;
using Harness.Replicator.OffsetSyncs;

namespace Harness.Replicator.Tests.OffsetSyncs;

public sealed class OffsetSyncWriterTests
{
    [TestCase(ErrorCode.Local_QueueFull)]
    [TestCase(ErrorCode.Local_UnknownPartition)]
    [TestCase(ErrorCode.Local_UnknownTopic)]
    public void A_sync_the_producer_refuses_for_a_moment_stays_due_and_is_written_at_the_next_commit(ErrorCode refusal)
    {
        var (producer, control) = RefusingProducer.Create();
        var writer = new OffsetSyncWriter(producer, "mm2-offset-syncs.target.internal", maxOffsetLag: 100, written: () => { });
        var partition = writer.Partition("orders", 3);
        control.Refusals.Enqueue(new Error(refusal));

        FluentActions.Invoking(() => partition.Acknowledged(0, 0)).Should().NotThrow("a refusal that passes must not end the task");
        control.Produced.Should().BeEmpty();

        writer.Promote();

        control.Produced.Should().ContainSingle("the refused sync was still due");
        OffsetSync.Deserialize(control.Produced[0].Key, control.Produced[0].Value).Should().Be(new OffsetSync("orders", 3, 0, 0));
    }

    [Test]
    public void A_fatal_producer_error_reaches_the_task()
    {
        var (producer, control) = RefusingProducer.Create();
        var writer = new OffsetSyncWriter(producer, "mm2-offset-syncs.target.internal", maxOffsetLag: 100, written: () => { });
        control.Refusals.Enqueue(new Error(ErrorCode.Local_Fatal, "fenced", isFatal: true));

        FluentActions.Invoking(() => writer.Partition("orders", 0).Acknowledged(0, 0))
            .Should().Throw<KafkaException>("the task fails with the reason instead of writing syncs into a dead producer");
    }
}
