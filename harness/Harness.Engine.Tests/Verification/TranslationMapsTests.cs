using Harness.Engine.Load;
using Harness.Engine.Verification;

namespace Harness.Engine.Tests.Verification;

public sealed class TranslationMapsTests
{
    private static readonly LedgerKey Stream = new("orders", 0, 0);

    private static TranslationMaps Maps(params (long TargetOffset, long Sequence)[] copies)
    {
        var ledger = new Ledger();
        for (var s = 0; s < 100; s++)
        {
            ledger.For("orders", 0, 0).Acknowledged(s, s);
        }

        var map = new TargetPartitionMap();
        foreach (var (offset, sequence) in copies)
        {
            map.Add(offset, Stream, sequence);
        }

        return new TranslationMaps(new Dictionary<(string, int), TargetPartitionMap> { [("orders", 0)] = map }, ledger);
    }

    private static (long, long)[] Straight(int count, long targetStart = 0, long sequenceStart = 0) =>
        Enumerable.Range(0, count).Select(i => (targetStart + i, sequenceStart + i)).ToArray();

    [Test]
    public void An_exact_translation_skips_nothing_and_redelivers_nothing()
    {
        var check = Maps(Straight(100)).Check("orders", 0, committed: 50, translated: 50, targetEnd: 100);

        check.Should().Be(new TranslationCheck(50, 50, 0, 0));
        check.Ahead.Should().BeFalse();
    }

    [Test]
    public void A_translation_behind_the_truth_redelivers_the_difference()
    {
        var check = Maps(Straight(100)).Check("orders", 0, committed: 50, translated: 45, targetEnd: 100);

        check.Ahead.Should().BeFalse();
        check.Redelivery.Should().Be(5);
    }

    [Test]
    public void A_translation_ahead_of_the_truth_counts_the_records_it_would_skip()
    {
        var check = Maps(Straight(100)).Check("orders", 0, committed: 50, translated: 55, targetEnd: 100);

        check.Ahead.Should().BeTrue();
        check.Skipped.Should().Be(5);
    }

    [Test]
    public void A_later_duplicate_of_every_skipped_record_means_nothing_is_skipped()
    {
        var copies = Straight(100).Concat(Straight(5, targetStart: 100, sequenceStart: 50)).ToArray();

        var check = Maps(copies).Check("orders", 0, committed: 50, translated: 55, targetEnd: 105);

        check.Ahead.Should().BeFalse("sequences 50-54 are copied again at offsets 100-104");
        check.Exact.Should().Be(50);
    }

    [Test]
    public void Target_offsets_shifted_by_earlier_duplicates_are_followed()
    {
        // Sequences 0-9 were written twice, so source offset 50 sits at target offset 60.
        var copies = Straight(10).Concat(Straight(100, targetStart: 10)).ToArray();

        Maps(copies).Check("orders", 0, committed: 50, translated: 60, targetEnd: 110).Should().Be(new TranslationCheck(60, 60, 0, 0));
        Maps(copies).Check("orders", 0, committed: 50, translated: 61, targetEnd: 110).Skipped.Should().Be(1);
    }

    [Test]
    public void A_caught_up_group_is_exact_at_the_target_end_and_a_missing_translation_is_reported_as_null()
    {
        var maps = Maps(Straight(100));

        maps.Check("orders", 0, committed: 100, translated: 100, targetEnd: 100).Should().Be(new TranslationCheck(100, 100, 0, 0));
        maps.Check("orders", 0, committed: 100, translated: null, targetEnd: 100).Translated.Should().BeNull();
    }

    [Test]
    public void A_translation_past_the_target_end_is_ahead_because_it_skips_the_next_records()
    {
        var check = Maps(Straight(100)).Check("orders", 0, committed: 100, translated: 103, targetEnd: 100);

        check.Ahead.Should().BeTrue();
        check.Skipped.Should().Be(0);
    }

    [Test]
    public void On_a_compacted_topic_skipping_only_superseded_records_is_not_ahead_but_skipping_a_key_latest_is()
    {
        // Source offsets 0-99 copied densely except 50-59, compacted away before they were copied: target offset 50
        // holds source offset 60. Of the records at source offsets 60-69, only 63 and 67 are their key's latest.
        var ledger = new Ledger();
        ledger.For("orders", 0, 0).Acknowledged(0, 0, 100);
        var map = new TargetPartitionMap();
        foreach (var s in Enumerable.Range(0, 100).Where(s => s is < 50 or >= 60))
        {
            map.Add(s < 50 ? s : s - 10, Stream, s);
        }

        var latest = new HashSet<(LedgerKey, long)> { (Stream, 63), (Stream, 67) };
        var maps = new TranslationMaps(new Dictionary<(string, int), TargetPartitionMap> { [("orders", 0)] = map }, ledger,
            new Dictionary<string, IReadOnlySet<(LedgerKey, long)>> { ["orders"] = latest });

        maps.Check("orders", 0, committed: 55, translated: 50, targetEnd: 90).Should().Be(new TranslationCheck(50, 50, 0, 0),
            "the group's next record, at source offset 55, was compacted: the next one on the target is at 50");
        maps.Check("orders", 0, committed: 55, translated: 53, targetEnd: 90).Ahead.Should().BeFalse("source offsets 60-62 were superseded");
        maps.Check("orders", 0, committed: 55, translated: 54, targetEnd: 90).Skipped.Should().Be(1, "63 is its key's latest");
        maps.Check("orders", 0, committed: 55, translated: 58, targetEnd: 90).Skipped.Should().Be(2);
    }
}
