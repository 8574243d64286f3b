using Harness.Engine.Load;
using Harness.Engine.Switchover;

namespace Harness.Engine.Tests.Switchover;

/// <summary>The switchover check without clusters: records "read on the target" are fed by stream and sequence.</summary>
public sealed class SwitchoverTallyTests
{
    private static readonly LedgerKey Orders0 = new("orders", 0, 0);

    /// <summary>One producer, sequences 0-99 at source offsets 0-99 of orders/0, and a group committed at 50.</summary>
    private static SwitchoverTally OneStream(long committed = 50)
    {
        var ledger = new Ledger();
        ledger.For("orders", 0, 0).Acknowledged(0, 0, 100);
        return new SwitchoverTally(new Dictionary<(string, int), long> { [("orders", 0)] = committed }, ledger);
    }

    private static void Read(SwitchoverTally tally, LedgerKey stream, long from, long to)
    {
        for (var s = from; s < to; s++)
        {
            tally.Observe(stream, s);
        }
    }

    [Test]
    public void Starting_exactly_at_the_committed_position_misses_nothing_and_reads_nothing_again()
    {
        var tally = OneStream();

        Read(tally, Orders0, 50, 100);

        tally.Partitions().Should().Equal(new SwitchoverPartitionTally("orders", 0, 50, 50, 0, 0));
    }

    [Test]
    public void Starting_behind_reads_the_difference_again()
    {
        var tally = OneStream();

        Read(tally, Orders0, 40, 100);

        tally.Partitions().Single().Should().Be(new SwitchoverPartitionTally("orders", 0, 50, 50, 0, 10));
    }

    [Test]
    public void Starting_ahead_misses_exactly_the_skipped_records()
    {
        var tally = OneStream();

        Read(tally, Orders0, 57, 100);

        tally.Partitions().Single().Missing.Should().Be(7);
    }

    [Test]
    public void A_duplicate_of_a_skipped_record_read_later_means_it_is_not_missing()
    {
        var tally = OneStream();

        Read(tally, Orders0, 55, 100);
        Read(tally, Orders0, 50, 53);

        var partition = tally.Partitions().Single();
        partition.Missing.Should().Be(2, "sequences 53 and 54 were never read");
        partition.ReRead.Should().Be(0);
    }

    [Test]
    public void Every_copy_of_an_already_consumed_record_counts_as_re_read()
    {
        var tally = OneStream();

        Read(tally, Orders0, 45, 100);
        Read(tally, Orders0, 45, 50);

        tally.Partitions().Single().ReRead.Should().Be(10);
    }

    [Test]
    public void A_caught_up_group_has_nothing_unconsumed_and_only_re_reads()
    {
        var tally = OneStream(committed: 100);

        Read(tally, Orders0, 90, 100);

        tally.Partitions().Single().Should().Be(new SwitchoverPartitionTally("orders", 0, 100, 0, 0, 10));
    }

    [Test]
    public void Interleaved_producers_are_split_at_the_committed_source_offset_not_at_a_sequence()
    {
        // Two producers alternate in orders/0: producer 0 at even offsets, producer 1 at odd ones.
        var ledger = new Ledger();
        for (var s = 0; s < 50; s++)
        {
            ledger.For("orders", 0, 0).Acknowledged(s, 2 * s);
            ledger.For("orders", 0, 1).Acknowledged(s, (2 * s) + 1);
        }

        var tally = new SwitchoverTally(new Dictionary<(string, int), long> { [("orders", 0)] = 51 }, ledger);

        // Offset 51 is producer 1's sequence 25; offset 50 (producer 0's 25) was consumed.
        Read(tally, Orders0, 26, 50);
        Read(tally, new LedgerKey("orders", 0, 1), 25, 50);
        Read(tally, Orders0, 25, 26);

        tally.Partitions().Single().Should().Be(new SwitchoverPartitionTally("orders", 0, 51, 49, 0, 1));
    }

    [Test]
    public void Records_the_ledger_never_acknowledged_or_of_other_partitions_count_neither_way()
    {
        var ledger = new Ledger();
        ledger.For("orders", 0, 0).Acknowledged(0, 0, 10);
        ledger.For("orders", 0, 0).Acknowledged(11, 11, 9);
        ledger.For("orders", 1, 0).Acknowledged(0, 0, 5);
        var tally = new SwitchoverTally(new Dictionary<(string, int), long> { [("orders", 0)] = 5 }, ledger);

        Read(tally, Orders0, 5, 20);
        Read(tally, new LedgerKey("orders", 1, 0), 0, 5);
        Read(tally, new LedgerKey("audit", 0, 0), 0, 3);

        tally.Partitions().Should().Equal(new SwitchoverPartitionTally("orders", 0, 5, 14, 0, 0));
        tally.Foreign.Should().Be(8, "orders/1 and audit are not the group's partitions here");
    }

    [Test]
    public void Each_partition_is_reported_even_when_nothing_of_it_was_read()
    {
        var ledger = new Ledger();
        ledger.For("orders", 0, 0).Acknowledged(0, 0, 100);
        ledger.For("orders", 1, 0).Acknowledged(0, 0, 40);
        var tally = new SwitchoverTally(new Dictionary<(string, int), long> { [("orders", 1)] = 10, [("orders", 0)] = 50 }, ledger);

        Read(tally, Orders0, 50, 100);

        tally.Partitions().Should().Equal(
            new SwitchoverPartitionTally("orders", 0, 50, 50, 0, 0),
            new SwitchoverPartitionTally("orders", 1, 10, 30, 30, 0));
    }

    [Test]
    public void Memory_stays_one_range_per_stream_for_a_large_partition_read_in_order()
    {
        var ledger = new Ledger();
        ledger.For("orders", 0, 0).Acknowledged(0, 0, 2_000_000);
        var tally = new SwitchoverTally(new Dictionary<(string, int), long> { [("orders", 0)] = 1_000_000 }, ledger);

        Read(tally, Orders0, 999_000, 2_000_000);

        tally.ReadRanges.Should().Be(1);
        tally.Partitions().Single().Should().Be(new SwitchoverPartitionTally("orders", 0, 1_000_000, 1_000_000, 0, 1_000));
    }

    [Test]
    public void On_a_compacted_topic_only_unread_latest_records_of_their_keys_are_missing()
    {
        var ledger = new Ledger();
        ledger.For("orders", 0, 0).Acknowledged(0, 0, 100);
        var latest = new HashSet<(LedgerKey, long)> { (Orders0, 10), (Orders0, 60), (Orders0, 70), (Orders0, 99) };
        var tally = new SwitchoverTally(new Dictionary<(string, int), long> { [("orders", 0)] = 50 }, ledger,
            new Dictionary<string, IReadOnlySet<(LedgerKey, long)>> { ["orders"] = latest });

        // Compaction on the target left 60-69 out (superseded) and 70; 10 was consumed before the switchover.
        Read(tally, Orders0, 50, 60);
        Read(tally, Orders0, 71, 100);

        tally.Partitions().Single().Should().Be(new SwitchoverPartitionTally("orders", 0, 50, 50, 2, 0), "60 and 70 are their keys' latest");
    }

    [Test]
    public void A_stream_whose_batches_interleave_with_another_producers_is_split_into_two_ranges()
    {
        // Batches of 8 alternating with another producer's: this producer's offsets are 0-7, 16-23, ...; the group
        // committed source offset 80_004, inside this producer's batch 5,000 (offsets 80,000-80,007).
        var ranges = Enumerable.Range(0, 10_000).Select(b => new LedgerRange(b * 8L, b * 16L, 8)).ToList();

        var stream = new SwitchoverStream(ranges, 80_004);

        stream.SplitRanges.Should().Be(2);
        stream.Unconsumed.Should().Be(80_000 - 40_004);
    }
}
