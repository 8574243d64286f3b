using Harness.Mm2.Records;
using Harness.Mm2.Translation;

namespace Harness.Mm2.Tests.Translation;

public sealed class OffsetTranslatorTests
{
    private static readonly TopicPartition Orders0 = new("orders", 0);

    [Test]
    public void Nothing_to_translate_without_syncs()
    {
        var translator = new OffsetTranslator();

        translator.TryTranslate(Orders0, 10, out var downstream).Should().BeFalse();
        downstream.Should().Be(-1);
        translator.RetainedSyncs(Orders0).Should().BeEmpty();
        translator.Partitions.Should().BeEmpty();
    }

    [Test]
    public void Exact_match_uses_the_sync_downstream_offset()
    {
        var translator = With(Sync(100, 50));

        Translate(translator, 100).Should().Be(50);
    }

    [Test]
    public void Between_syncs_uses_one_past_the_earlier_sync()
    {
        var translator = With(Sync(100, 50), Sync(200, 140));

        Translate(translator, 101).Should().Be(51);
        Translate(translator, 150).Should().Be(51);
        Translate(translator, 199).Should().Be(51);
        Translate(translator, 200).Should().Be(140);
    }

    [Test]
    public void Past_the_latest_sync_uses_one_past_it()
    {
        var translator = With(Sync(100, 50), Sync(200, 140));

        Translate(translator, 201).Should().Be(141);
        Translate(translator, 1_000_000).Should().Be(141);
    }

    [Test]
    public void Before_the_first_sync_there_is_no_translation()
    {
        var translator = With(Sync(100, 50));

        translator.TryTranslate(Orders0, 99, out var downstream).Should().BeFalse();
        downstream.Should().Be(-1);
        translator.TryTranslate(Orders0, -1, out _).Should().BeFalse();
    }

    [Test]
    public void Offset_zero_translates_when_the_first_record_was_synced()
    {
        Translate(With(Sync(0, 0)), 0).Should().Be(0);
        Translate(With(Sync(0, 0)), 1).Should().Be(1);
    }

    [Test]
    public void Partitions_are_independent()
    {
        var translator = With(Sync(100, 50));
        translator.Add(new OffsetSync("orders", 1, 10, 5));
        translator.Add(new OffsetSync("payments", 0, 10, 900));

        Translate(translator, 150).Should().Be(51);
        translator.TryTranslate(new TopicPartition("orders", 1), 10, out var other).Should().BeTrue();
        other.Should().Be(5);
        translator.TryTranslate(new TopicPartition("payments", 0), 11, out var payments).Should().BeTrue();
        payments.Should().Be(901);
        translator.TryTranslate(new TopicPartition("orders", 2), 150, out _).Should().BeFalse();
        translator.Partitions.Should().BeEquivalentTo(
            [Orders0, new TopicPartition("orders", 1), new TopicPartition("payments", 0)]);
    }

    [Test]
    public void A_sync_behind_the_latest_one_discards_the_history()
    {
        var translator = With(Sync(100, 50), Sync(200, 140), Sync(50, 300));

        translator.RetainedSyncs(Orders0).Should().Equal(Sync(50, 300));
        Translate(translator, 150).Should().Be(301);
        translator.TryTranslate(Orders0, 40, out _).Should().BeFalse();
    }

    [Test]
    public void A_later_sync_for_the_same_record_wins_over_the_earlier_one()
    {
        // A replicator restart syncs the same source record again, at a new downstream offset. Kafka keeps both
        // (slot 1's old copy still satisfies B: 100 <= 100 + 1), and the newer, in slot 0, answers every lookup.
        var translator = With(Sync(100, 50), Sync(100, 80));

        translator.RetainedSyncs(Orders0).Should().Equal(Sync(100, 50), Sync(100, 80));
        Translate(translator, 100).Should().Be(80);
        Translate(translator, 101).Should().Be(81);
    }

    [Test]
    public void Negative_offsets_are_rejected()
    {
        var translator = new OffsetTranslator();

        ((Action)(() => translator.Add(Sync(-1, 0)))).Should().Throw<ArgumentOutOfRangeException>();
        ((Action)(() => translator.Add(Sync(0, -1)))).Should().Throw<ArgumentOutOfRangeException>();
        translator.Partitions.Should().BeEmpty();
    }

    [Test]
    public void Retention_is_bounded_and_keeps_the_ends()
    {
        var translator = new OffsetTranslator();
        const int step = 100;
        const int count = 30_000;
        for (var i = 0; i < count; i++)
        {
            translator.Add(Sync((long)i * step, i));
        }

        var retained = translator.RetainedSyncs(Orders0);

        translator.Slots(Orders0).Should().HaveCount(64);
        // Slot j holds a sync at most 2^j - 1 behind the latest and distinct syncs get sparser further down: the kept
        // syncs' distances behind the latest roughly double from one to the next (100, 300, 700, 1500, 3100 ...),
        // so a span of 3,000,000 in steps of 100, some 15 doublings, keeps about 16 of the 30,000.
        retained.Count.Should().BeLessThanOrEqualTo(22 - 7 + 2);
        retained[0].Should().Be(Sync(0, 0));
        retained[^1].Should().Be(Sync((long)(count - 1) * step, count - 1));
        retained.Select(s => s.UpstreamOffset).Should().BeInAscendingOrder().And.OnlyHaveUniqueItems();
    }

    [Test]
    public void Retained_syncs_are_a_copy()
    {
        var translator = With(Sync(1, 1));
        var before = translator.RetainedSyncs(Orders0);

        translator.Add(Sync(2, 2));

        before.Should().HaveCount(1);
    }

    private static OffsetSync Sync(long upstream, long downstream) => new("orders", 0, upstream, downstream);

    private static OffsetTranslator With(params OffsetSync[] syncs)
    {
        var translator = new OffsetTranslator();
        foreach (var sync in syncs)
        {
            translator.Add(sync);
        }

        return translator;
    }

    private static long Translate(OffsetTranslator translator, long groupOffset)
    {
        translator.TryTranslate(Orders0, groupOffset, out var downstream).Should().BeTrue($"offset {groupOffset} has a sync at or before it");
        return downstream;
    }
}
