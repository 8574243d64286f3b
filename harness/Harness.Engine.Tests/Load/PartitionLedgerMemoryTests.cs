using Harness.Engine.Load;

namespace Harness.Engine.Tests.Load;

/// <summary>
/// The ledger's memory follows gaps and batches, never records: a partition one producer writes is one range however
/// long the run, and where producers share a partition each batch costs a few bytes while the sequences stay one range.
/// </summary>
public sealed class PartitionLedgerMemoryTests
{
    [Test]
    public void A_million_records_acknowledged_in_order_are_one_range()
    {
        var ledger = new PartitionLedger();
        for (long s = 0; s < 1_000_000; s += 10)
        {
            ledger.Acknowledged(s, s, 10);
        }

        ledger.RangeCount.Should().Be(1);
        ledger.SequenceRanges.Should().Equal((0L, 1_000_000L));
        ledger.Count.Should().Be(1_000_000);
        ledger.OffsetOf(999_999).Should().Be(999_999);
    }

    [Test]
    public void Interleaved_producers_keep_a_few_bytes_a_batch_one_sequence_range_each_and_exact_offsets()
    {
        // Two producers, batches of 8 alternating in one partition: producer 0 owns offsets 0-7, 16-23, ...
        var first = new PartitionLedger();
        var second = new PartitionLedger();
        const int Batches = 125_000;
        for (var b = 0; b < Batches; b++)
        {
            first.Acknowledged(b * 8L, b * 16L, 8);
            second.Acknowledged(b * 8L, (b * 16L) + 8, 8);
        }

        first.RangeCount.Should().Be(Batches);
        first.SequenceRanges.Should().Equal((0L, Batches * 8L));
        first.Count.Should().Be(Batches * 8L);
        first.OffsetOf(0).Should().Be(0);
        first.OffsetOf(8).Should().Be(16);
        second.OffsetOf(999_999).Should().Be((124_999 * 16L) + 8 + 7);
        second.OffsetOf(1_000_000).Should().Be(-1);
        first.CountBelowOffset(32).Should().Be(16);
    }

    [Test]
    public void An_abort_deep_in_packed_ranges_splits_them_exactly()
    {
        var ledger = new PartitionLedger();
        for (var b = 0; b < 300; b++)
        {
            ledger.Acknowledged(b * 4L, b * 8L, 4);
        }

        // Sequences 1000-1105 span ranges 250-276, across a chunk boundary of the packed rows.
        ledger.Aborted(1002, 1105);

        ledger.Count.Should().Be(1200 - 103);
        ledger.SequenceRanges.Should().Equal((0L, 1002L), (1105L, 1200L));
        ledger.OffsetOf(1001).Should().Be((250 * 8L) + 1);
        ledger.OffsetOf(1002).Should().Be(-1);
        ledger.OffsetOf(1104).Should().Be(-1);
        ledger.OffsetOf(1105).Should().Be((276 * 8L) + 1);
        ledger.Acknowledged(1200, 2400, 4);
        ledger.OffsetOf(1203).Should().Be(2403);
    }
}
