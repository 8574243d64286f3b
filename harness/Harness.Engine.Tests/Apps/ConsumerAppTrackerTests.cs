using Harness.Engine.Apps;
using Harness.Engine.Verification;

namespace Harness.Engine.Tests.Apps;

/// <summary>What one consumer app's tracker makes of reads: re-reads, keys reordered, records never read.</summary>
public sealed class ConsumerAppTrackerTests
{
    [Test]
    public void A_stamp_round_trips_and_a_foreign_value_is_refused()
    {
        var stamp = new AppStamp(42, 3, 17, 123_456, 99, OnTarget: true, Straggler: false);

        AppStamp.TryDecode(stamp.Encode(), out var read).Should().BeTrue();
        read.Should().Be(stamp);
        AppStamp.TryDecode(new byte[AppStamp.Size], out _).Should().BeFalse();
    }

    [Test]
    public void Records_read_in_order_then_again_are_re_reads_not_reorders()
    {
        var tracker = new ConsumerAppTracker("billing");
        Read(tracker, 0, 1, 2, 3);
        tracker.MarkMoved();
        Read(tracker, 2, 3, 4, onTarget: true);

        tracker.Consumed.Should().Be(7);
        tracker.ReReads.Should().Be(2);
        tracker.ReReadsAcrossMove.Should().Be(2);
        tracker.Reordered.Should().Be(0);
        tracker.ReorderedKeys.Should().Be(0);
    }

    [Test]
    public void An_older_record_read_after_a_newer_one_reorders_its_key_once_per_record()
    {
        var tracker = new ConsumerAppTracker("billing");
        Read(tracker, 0, 1, 5, 6, 2, 3, 4);

        tracker.Reordered.Should().Be(3);
        tracker.ReorderedKeys.Should().Be(1);
        tracker.Examples.Should().HaveCount(3).And.Contain(e => e.Sequence == 2 && e.Newest == 6);
    }

    [Test]
    public void Acknowledged_records_never_read_are_missing_and_memory_stays_one_range_per_key_read_in_order()
    {
        var tracker = new ConsumerAppTracker("billing");
        Read(tracker, [.. Enumerable.Range(0, 1000).Where(s => s is < 400 or >= 450).Select(s => (long)s)]);
        var acknowledged = new SequenceRangeSet();
        for (var s = 0; s < 1000; s++)
        {
            acknowledged.Add(s);
        }

        var (missing, examples) = tracker.Missing([(new StreamKey(0, "orders", 7), acknowledged, "app-7")]);

        missing.Should().Be(50);
        examples.Should().ContainSingle().Which.Should().Contain("50 unread");
        tracker.Ranges.Should().Be(2, "a gap adds one range, the 950 records read add none");
    }

    [TestCase(20_000, 50)]
    [TestCase(200_000, 50)]
    public void Tracked_state_grows_with_keys_in_flight_not_with_records(int records, int keys)
    {
        // Keys interleaved as a producer writes them, spread over 3 partitions and read partition by partition,
        // as a member assigned all three would: each key's sequences still arrive in order.
        var tracker = new ConsumerAppTracker("billing");
        var partitions = Enumerable.Range(0, 3).Select(p => Enumerable.Range(0, records).Where(r => r % keys % 3 == p)).ToList();
        foreach (var partition in partitions)
        {
            foreach (var r in partition)
            {
                var stamp = new AppStamp(1, 0, r % keys, r / keys, 0, OnTarget: false, Straggler: false);
                tracker.Record(stamp, "orders", $"app-{r % keys}", r % keys % 3, r, onTarget: false, 0);
            }
        }

        tracker.Consumed.Should().Be(records);
        tracker.Keys.Should().Be(keys);
        tracker.Ranges.Should().Be(keys, "a key read in order is one range however many records it has");
        tracker.Reordered.Should().Be(0);
    }

    private static void Read(ConsumerAppTracker tracker, params long[] sequences) => Read(tracker, sequences, onTarget: false);

    private static void Read(ConsumerAppTracker tracker, long a, long b, long c, bool onTarget) => Read(tracker, [a, b, c], onTarget);

    private static void Read(ConsumerAppTracker tracker, long[] sequences, bool onTarget)
    {
        foreach (var sequence in sequences)
        {
            var stamp = new AppStamp(1, 0, 7, sequence, 0, onTarget, Straggler: false);
            tracker.Record(stamp, "orders", "app-7", 0, sequence, onTarget, 0);
        }
    }
}
