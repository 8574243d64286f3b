using Harness.Mm2.Translation;
using Harness.Replicator.Checkpoints;

namespace Harness.Replicator.Tests.Checkpoints;

public sealed class OffsetSyncReaderTests
{
    [Test]
    public void The_end_of_the_partition_counts_as_read_to_the_end_even_without_a_record_at_its_last_offset()
    {
        var (consumer, _) = EndOnlyConsumer.Create(end: 10);
        using var reader = new OffsetSyncReader(consumer, "mm2-offset-syncs.target.internal", new OffsetTranslator(InitialSyncLoad.LatestOnly), _ => { }, TimeProvider.System);

        reader.ReadToEnd(TimeSpan.FromSeconds(2), CancellationToken.None).Should()
            .BeTrue("the consumer said the partition ends at 10; waiting for a record there would skip every checkpoint round after it");
    }
}
