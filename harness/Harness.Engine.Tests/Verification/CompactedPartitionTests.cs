using System.Text;
using Harness.Engine.Load;
using Harness.Engine.Verification;

namespace Harness.Engine.Tests.Verification;

/// <summary>
/// The per-key rules of a compacted topic, without a broker: the target's latest record of every key against the
/// source's, the per-key order across producers, and the copied end the drain compares with the source's end.
/// </summary>
public sealed class CompactedPartitionTests
{
    private static readonly LedgerKey A = new("table", 0, 0);
    private static readonly LedgerKey B = new("table", 0, 1);

    /// <summary>One producer's ten records at offsets 0 to 9: (key, tombstone) per sequence.</summary>
    private static readonly (long Key, bool Tombstone)[] Sent =
    [
        (1, false), (2, false), (3, false), (1, false), (4, false),
        (2, true), (5, false), (1, false), (3, false), (5, true),
    ];

    private static PartitionLedger Source()
    {
        var ledger = Ledgers.Acknowledged(Sent.Length);
        for (var s = 0; s < Sent.Length; s++)
        {
            ledger.KeySent(Sent[s].Key, s, Sent[s].Tombstone);
        }

        return ledger;
    }

    private static CompactedPartition Partition(PartitionLedger ledger) =>
        new((stream, sequence) => stream == A ? ledger.OffsetOf(sequence) : -1);

    private static void Copy(CompactedPartition partition, params long[] sequences)
    {
        foreach (var s in sequences)
        {
            partition.Observe(Sent[s].Key, A, s, Sent[s].Tombstone, s, firstCopy: true);
        }
    }

    [Test]
    public void A_target_that_kept_every_key_latest_record_passes_though_superseded_records_are_missing()
    {
        var ledger = Source();
        var partition = Partition(ledger);

        // Sequences 0, 1, 3 and 6 were superseded and compacted away before they were copied; key 5's latest is a
        // tombstone that a compacted target may drop too.
        Copy(partition, 2, 4, 5, 7, 8);

        var judgement = partition.Judge([(A, ledger)]);

        judgement.Keys.Should().Be(5);
        judgement.Defects.Should().BeEmpty();
        judgement.Latest.Should().BeEquivalentTo(new[] { (A, 7L), (A, 5L), (A, 8L), (A, 4L), (A, 9L) });
    }

    [Test]
    public void Each_key_left_in_an_old_state_is_a_lost_or_stale_key_with_the_source_latest_named()
    {
        var ledger = Source();
        var partition = Partition(ledger);

        // Key 1 ends right (7); key 2 keeps the value its tombstone (5) deleted; key 3 keeps an older value (2, not 8);
        // key 4's only record (4) never arrived; key 5 has nothing, as its tombstone allows.
        Copy(partition, 0, 1, 2, 3, 7);

        var judgement = partition.Judge([(A, ledger)]);

        judgement.Defects.Select(d => (d.KeyIndex, d.Anomaly, d.Source.Sequence, d.Source.Offset, d.Target?.Sequence)).Should().Equal(
            (2, AnomalyClass.StaleKey, 5, 5, 1),
            (3, AnomalyClass.StaleKey, 8, 8, 2),
            (4, AnomalyClass.KeyLost, 4, 4, null));
        (judgement.KeysLost, judgement.StaleKeys).Should().Be((1, 2));
    }

    [Test]
    public void A_duplicate_of_an_older_record_copied_last_leaves_the_key_stale()
    {
        var ledger = Source();
        var partition = Partition(ledger);
        Copy(partition, 2, 4, 5, 7, 8);

        // A replicator that restarted from an old position writes key 3's older value after its latest.
        partition.Observe(3, A, 2, tombstone: false, 9, firstCopy: false);

        partition.Judge([(A, ledger)]).Defects.Should().ContainSingle().Which.Should().Be(
            new KeyDefect(3, AnomalyClass.StaleKey, new KeyCopy(A, 8, false, 8), new KeyCopy(A, 2, false, 9)));
    }

    [Test]
    public void The_source_latest_of_a_key_two_producers_wrote_is_the_one_at_the_higher_offset()
    {
        var first = new PartitionLedger();
        first.Acknowledged(0, 0, 2);
        first.KeySent(7, 1, tombstone: false);
        var second = new PartitionLedger();
        second.Acknowledged(0, 2, 1);
        second.KeySent(7, 0, tombstone: false);
        var partition = new CompactedPartition((stream, sequence) => (stream == A ? first : second).OffsetOf(sequence));
        partition.Observe(7, A, 1, tombstone: false, 0, firstCopy: true);

        var judgement = partition.Judge([(A, first), (B, second)]);

        judgement.Keys.Should().Be(1);
        judgement.Defects.Should().ContainSingle().Which.Should().Be(
            new KeyDefect(7, AnomalyClass.StaleKey, new KeyCopy(B, 0, false, 2), new KeyCopy(A, 1, false, 0)));
    }

    [Test]
    public void A_latest_record_never_acknowledged_is_not_judged()
    {
        var ledger = new PartitionLedger();
        ledger.KeySent(1, 0, tombstone: false);

        new CompactedPartition((_, _) => -1).Judge([(A, ledger)]).Keys.Should().Be(0);
    }

    [Test]
    public void A_key_record_arriving_after_a_later_one_of_another_producer_is_key_reordered_once()
    {
        // A's sequence 0 sits at source offset 10, B's sequence 0 at offset 5: B's must arrive first.
        var partition = new CompactedPartition((stream, _) => stream == A ? 10 : 5);

        partition.Observe(1, A, 0, tombstone: false, 0, firstCopy: true).Should().BeFalse();
        partition.Observe(1, B, 0, tombstone: false, 1, firstCopy: true).Should().BeTrue();
        partition.Observe(2, B, 0, tombstone: false, 2, firstCopy: true).Should().BeFalse("another key has its own order");
        partition.Observe(1, B, 0, tombstone: false, 3, firstCopy: false).Should().BeFalse("a duplicate says nothing of order");

        partition.KeysReordered.Should().Be(1);
    }

    [Test]
    public void Records_of_producers_not_yet_acknowledged_are_left_unordered()
    {
        var partition = new CompactedPartition((stream, _) => stream == A ? 10 : -1);

        partition.Observe(1, A, 0, tombstone: false, 0, firstCopy: true);

        partition.Observe(1, B, 0, tombstone: false, 1, firstCopy: true).Should().BeFalse();
    }

    [Test]
    public void The_copied_end_is_one_past_the_highest_source_offset_copied_of_any_producer()
    {
        var partition = new CompactedPartition((stream, sequence) => stream == A ? sequence * 3 : 100 + sequence);
        partition.CopiedEnd().Should().Be(0);

        partition.Observe(1, A, 4, tombstone: false, 0, firstCopy: true);
        partition.Observe(2, A, 2, tombstone: false, 1, firstCopy: true);
        partition.CopiedEnd().Should().Be(13);

        partition.Observe(3, B, 1, tombstone: false, 2, firstCopy: true);
        partition.CopiedEnd().Should().Be(102);
    }

    [TestCase("key-000123", true, 123)]
    [TestCase("key-1234567", true, 1234567)]
    [TestCase("key-", false, 0)]
    [TestCase("key-12x", false, 0)]
    [TestCase("other-1", false, 0)]
    public void Harness_keys_are_read_back_to_their_index(string key, bool parsed, long index)
    {
        CompactedPartition.TryParseKey(Encoding.UTF8.GetBytes(key), out var read).Should().Be(parsed);
        if (parsed)
        {
            read.Should().Be(index);
        }
    }
}
