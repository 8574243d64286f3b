using Harness.Engine.Load;
using Harness.Engine.Verification;

namespace Harness.Engine.Tests.Load;

/// <summary>
/// Aborted transactions in the ledger: acknowledged sequences taken back out, booked as aborted, and never lost
/// for a stream that skips them, while a stream that has them is caught with their exact count.
/// </summary>
public sealed class PartitionLedgerAbortTests
{
    [Test]
    public void Aborting_acknowledged_sequences_takes_them_out_and_keeps_the_others_at_their_offsets()
    {
        // Transactions of 3 records: sequences 0-2 at offsets 0-2 (commit marker at 3), 3-5 at 4-6 (abort marker at
        // 7), 6-8 at 8-10.
        var ledger = new PartitionLedger();
        ledger.Acknowledged(0, 0, 3);
        ledger.Acknowledged(3, 4, 3);
        ledger.Aborted(3, 6);
        ledger.Acknowledged(6, 8, 3);

        ledger.Ranges.Should().Equal(new LedgerRange(0, 0, 3), new LedgerRange(6, 8, 3));
        ledger.Count.Should().Be(6);
        ledger.AbortedCount.Should().Be(3);
        ledger.AbortedRanges.Should().Equal((3L, 6L));
        ledger.Contains(4).Should().BeFalse();
        ledger.OffsetOf(7).Should().Be(9);
    }

    [Test]
    public void Aborting_the_middle_of_a_range_splits_it()
    {
        var ledger = new PartitionLedger();
        ledger.Acknowledged(0, 100, 10);

        ledger.Aborted(4, 6);

        ledger.Ranges.Should().Equal(new LedgerRange(0, 100, 4), new LedgerRange(6, 106, 4));
        ledger.CountBelowOffset(106).Should().Be(4);
    }

    [Test]
    public void Aborted_sequences_that_were_never_acknowledged_are_still_booked()
    {
        var ledger = new PartitionLedger();

        ledger.Aborted(0, 5);
        ledger.Aborted(5, 5);

        ledger.Count.Should().Be(0);
        ledger.AbortedCount.Should().Be(5, "an empty range adds nothing");
    }

    [Test]
    public void A_stream_that_skips_aborted_sequences_loses_nothing_and_one_that_has_them_shows_each_once()
    {
        var ledger = new PartitionLedger();
        ledger.Acknowledged(0, 0, 10);
        ledger.Aborted(3, 6);
        ledger.Aborted(8, 10);
        var correct = new StreamTracker(new LedgerKey("t", 0, 0));
        var copying = new StreamTracker(new LedgerKey("t", 0, 0));
        foreach (var s in new long[] { 0, 1, 2, 6, 7 })
        {
            correct.Observe(s);
        }

        foreach (var s in new long[] { 0, 1, 2, 3, 4, 4, 5, 6, 7, 9 })
        {
            copying.Observe(s);
        }

        correct.LostSequences(ledger).Should().BeEmpty();
        ledger.AbortedRanges.Sum(r => correct.SeenIn(r.Start, r.End)).Should().Be(0);
        copying.LostSequences(ledger).Should().BeEmpty();
        ledger.AbortedRanges.Sum(r => copying.SeenIn(r.Start, r.End)).Should().Be(4, "3, 4 and 5, and 9 of the second abort: the repeated 4 is a duplicate");
        copying.Duplicated.Should().Be(1);
    }
}
