using Harness.Engine.Load;
using Harness.Engine.Verification;

namespace Harness.Engine.Tests.Verification;

public sealed class StreamTrackerTests
{
    [Test]
    public void An_in_order_stream_has_no_anomalies()
    {
        var tracker = new StreamTracker(new LedgerKey("t", 0, 0));
        for (var s = 0; s < 10; s++)
        {
            tracker.Observe(s).Should().BeNull();
        }

        tracker.LostSequences(Ledgers.Acknowledged(10)).Should().BeEmpty();
        tracker.Unacknowledged(Ledgers.Acknowledged(10)).Should().Be(0);
    }

    [Test]
    public void A_swapped_pair_is_one_reorder_and_nothing_lost()
    {
        var tracker = new StreamTracker(new LedgerKey("t", 0, 0));
        foreach (var s in new long[] { 0, 1, 3, 2, 4 })
        {
            tracker.Observe(s);
        }

        tracker.Reordered.Should().Be(1);
        tracker.Duplicated.Should().Be(0);
        tracker.LostSequences(Ledgers.Acknowledged(5)).Should().BeEmpty();
    }

    [Test]
    public void A_repeat_is_a_duplicate_and_a_gap_is_lost_unless_seen_elsewhere()
    {
        var tracker = new StreamTracker(new LedgerKey("t", 0, 0));
        foreach (var s in new long[] { 0, 1, 1, 4, 6 })
        {
            tracker.Observe(s);
        }

        tracker.SeenElsewhere(3);

        tracker.Duplicated.Should().Be(1);
        tracker.LostSequences(Ledgers.Acknowledged(8)).Should().Equal(2, 5, 7);
    }

    [Test]
    public void Records_the_producer_never_heard_acknowledged_are_counted_apart()
    {
        var tracker = new StreamTracker(new LedgerKey("t", 0, 0));
        for (var s = 0; s < 10; s++)
        {
            tracker.Observe(s);
        }

        tracker.Unacknowledged(Ledgers.Acknowledged(8)).Should().Be(2);
        tracker.LostSequences(Ledgers.Acknowledged(8)).Should().BeEmpty();
    }

    [Test]
    public void A_million_records_with_every_thousandth_lost_then_all_read_again_count_exactly_with_one_gap_per_loss()
    {
        // The shape of a replicator that drops every 1000th record and then re-copies everything after a crash: the
        // state is the gaps (1,000 of them), never the records, and every count is exact.
        var tracker = new StreamTracker(new LedgerKey("t", 0, 0));
        for (var pass = 0; pass < 2; pass++)
        {
            for (long s = 0; s < 1_000_000; s++)
            {
                if (s % 1000 != 999)
                {
                    tracker.Observe(s);
                }
            }
        }

        tracker.GapCount.Should().Be(999, "the last loss is past the last record read, not a gap");
        tracker.FirstCopies.Should().Be(999_000);
        tracker.Duplicated.Should().Be(999_000);
        tracker.Reordered.Should().Be(0);
        tracker.LostSequences(Ledgers.Acknowledged(1_000_000)).Should().HaveCount(1000).And.StartWith(999L).And.EndWith(999_999L);
    }
}
