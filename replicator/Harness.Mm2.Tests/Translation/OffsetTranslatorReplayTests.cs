using Harness.Mm2.Records;
using Harness.Mm2.Translation;

namespace Harness.Mm2.Tests.Translation;

/// <summary>
/// Recorded sequences of offset syncs replayed into the translator, each slot layout and translation worked out by
/// hand from MM2's rules (see <see cref="OffsetTranslator"/>): slot 0 is the latest sync; rule B lets slot j hold a
/// sync only if the slot before it is at most 2^(j-1) offsets ahead (pairwise: u(i) &lt;= u(j) + 2^j - 2^i); rule C
/// keeps distinct syncs in slots i &lt; j at least 2^max(i-2,0) apart. An update writes slot 0, then walks down and
/// stops at the first slot that still satisfies B against the one before; a slot failing B takes the newest old sync
/// that fits there (B and C against the slot before, C against the slot after), else the new sync itself.
/// Layouts are written <c>slots:upstream</c>; translation is the lowest slot with upstream &lt;= g, giving
/// downstream + (g == upstream ? 0 : 1).
/// </summary>
public sealed class OffsetTranslatorReplayTests
{
    private static readonly TopicPartition Orders0 = new("orders", 0);

    [Test]
    public void Steadily_increasing_syncs_keep_exponentially_spaced_ones()
    {
        // Syncs at every upstream offset 0..8, downstream = upstream + 1000 (nothing filtered).
        var translator = new OffsetTranslator();
        var expected = new[]
        {
            // 0: the first sync fills every slot.
            "0-63:0",
            // 1: slot 1 (0) still satisfies B against 1 (1 <= 0 + 2 - 1): stop.
            "0:1 1-63:0",
            // 2: slot 1 (0) fails B (2 > 0 + 1); the old slot-0 sync 1 fits there (B 2 <= 1 + 1, C 2 >= 1 + 1 and
            //    1 >= 0 + 1 against slot 2), so slot 1 takes 1; slot 2 (0) satisfies B against 1 (1 <= 0 + 2): stop.
            "0:2 1:1 2-63:0",
            // 3: slot 1 (1) fails B (3 > 1 + 1) and takes 2; slot 2 (0) satisfies B against 2 (2 <= 0 + 4 - 2):
            //    stop. 1 was carried down but never needed: it is gone.
            "0:3 1:2 2-63:0",
            // 4: slot 1 (2) fails B (4 > 3) and takes 3; slot 2 (0) fails B against 3 (3 > 0 + 2) and takes 2;
            //    slot 3 (0) satisfies B against 2 (2 <= 0 + 8 - 4): stop.
            "0:4 1:3 2:2 3-63:0",
            // 5: slot 1 (3) fails B (5 > 4) and takes 4; slot 2 (2) satisfies B against 4 (4 <= 2 + 2): stop; 3 is gone.
            "0:5 1:4 2:2 3-63:0",
            // 6: slot 1 takes 5 (6 > 4 + 1); slot 2 (2) fails B against 5 (5 > 2 + 2) and takes 4; slot 3 (0)
            //    satisfies B against 4 (4 <= 0 + 4): stop; 2 is gone.
            "0:6 1:5 2:4 3-63:0",
            // 7: slot 1 takes 6 (7 > 5 + 1); slot 2 (4) satisfies B against 6 (6 <= 4 + 2): stop; 5 is gone.
            "0:7 1:6 2:4 3-63:0",
            // 8: slot 1 takes 7; slot 2 (4) fails B against 7 (7 > 6) and takes 6; slot 3 (0) fails B against 6
            //    (6 > 0 + 4) and takes 4 (B 6 <= 4 + 4, C 6 >= 4 + 1 and 4 >= 0 + 2 against slot 4); slot 4 (0)
            //    satisfies B against 4 (4 <= 0 + 16 - 8): stop.
            "0:8 1:7 2:6 3:4 4-63:0",
        };
        for (var upstream = 0; upstream <= 8; upstream++)
        {
            translator.Add(Sync(upstream, upstream + 1000));
            SlotLayout.Of(translator, Orders0).Should().Be(expected[upstream], $"after the sync at {upstream}");
        }

        // After the sync at 8: 8 and 7 are held, a group exactly at a sync gets its downstream offset.
        Translate(translator, 8).Should().Be(1008);
        Translate(translator, 7).Should().Be(1007);
        // Past the latest sync: one past it.
        Translate(translator, 9).Should().Be(1009);
        Translate(translator, 500).Should().Be(1009);
        // 5 is exactly where a sync was written, but 5 is gone: slot 3 (4) answers, one past it.
        Translate(translator, 5).Should().Be(1005);
        // 3 lags the latest by 5: slot 4 (0) answers with 1001, two records behind the exact 1003.
        Translate(translator, 3).Should().Be(1001);
        Translate(translator, 0).Should().Be(1000);
    }

    [Test]
    public void A_group_far_behind_the_latest_sync_is_translated_from_a_much_older_one()
    {
        // Syncs every 100 upstream offsets (offset.lag.max = 100), with records filtered on the way, so the
        // downstream offsets advance less than the upstream ones.
        var translator = new OffsetTranslator();

        translator.Add(Sync(0, 5000));
        SlotLayout.Of(translator, Orders0).Should().Be("0-63:0");

        // 100: for slots 1-7 the only old sync, 0, is more than 2^(j-1) behind the slot before (100 > 0 + 64 at
        // slot 7), so they take 100; slot 8 (0) satisfies B against 100 (100 <= 0 + 256 - 128): stop.
        translator.Add(Sync(100, 5090));
        SlotLayout.Of(translator, Orders0).Should().Be("0-7:100 8-63:0");

        // 200: slots 1-7 take 200 as before. At slot 8 (0 fails B: 200 > 0 + 128) the old 100 fits (B 200 <=
        // 100 + 128, C 200 >= 100 + 32, and C 100 >= 0 + 64 against slot 9), so slot 8 takes 100; slot 9 (0)
        // satisfies B against 100 (100 <= 0 + 512 - 256): stop.
        translator.Add(Sync(200, 5185));
        SlotLayout.Of(translator, Orders0).Should().Be("0-7:200 8:100 9-63:0");

        // 300: slots 1-7 take 300. Slot 8 (100) fails B (300 > 100 + 128) and takes 200 (B 300 <= 200 + 128,
        // C 300 >= 200 + 32, C 200 >= 0 + 64 against slot 9); slot 9 (0) satisfies B against 200 (200 <= 0 + 256):
        // stop. 100 would fit slot 9 by B and C against 200, but not C against slot 10 (100 < 0 + 128): it is gone.
        translator.Add(Sync(300, 5270));
        SlotLayout.Of(translator, Orders0).Should().Be("0-7:300 8:200 9-63:0");

        Translate(translator, 300).Should().Be(5270);
        Translate(translator, 301).Should().Be(5271);
        Translate(translator, 250).Should().Be(5186);
        // 150 lies after the sync at 100, which is gone: slot 9 (0) answers, 150 records of re-delivery.
        Translate(translator, 150).Should().Be(5001);
        Translate(translator, 100).Should().Be(5001);
        Translate(translator, 0).Should().Be(5000);
    }

    [Test]
    public void A_gap_in_the_upstream_offsets_pushes_the_nearby_syncs_out()
    {
        // Syncs at 0, 1, 2, then 38 records compacted away upstream: the next record, 40, is the next downstream one.
        var translator = new OffsetTranslator();
        translator.Add(Sync(0, 1000));
        translator.Add(Sync(1, 1001));
        translator.Add(Sync(2, 1002));
        SlotLayout.Of(translator, Orders0).Should().Be("0:2 1:1 2-63:0");

        // 40: the oldest candidate, 2, is not recent enough for slots 1-6 (40 > 2 + 2^(j-1) up to j = 6), so they
        // fail B one after another (40 > 0 + 2^(j-1)) and take 40 itself. At slot 7, 2 is recent enough (40 <= 2 +
        // 64) but too close to slot 8's 0 (2 < 0 + 32); slot 7 (0) satisfies B against 40 (40 <= 0 + 128 - 64):
        // stop. 1 and 2 are gone.
        translator.Add(Sync(40, 1003));
        SlotLayout.Of(translator, Orders0).Should().Be("0-6:40 7-63:0");

        Translate(translator, 40).Should().Be(1003);
        Translate(translator, 41).Should().Be(1004);
        // Inside the gap, and at 2 where a sync used to be: slot 7 (0) answers.
        Translate(translator, 20).Should().Be(1001);
        Translate(translator, 2).Should().Be(1001);
        Translate(translator, 0).Should().Be(1000);
    }

    [Test]
    public void A_group_before_the_first_kept_sync_has_no_translation()
    {
        // Replication started at upstream 10: nothing is known about where 0-9 would have gone.
        var translator = new OffsetTranslator();
        translator.Add(Sync(10, 0));
        translator.Add(Sync(11, 1));
        // 11: slot 1 (10) satisfies B against 11 (11 <= 10 + 1): stop.
        SlotLayout.Of(translator, Orders0).Should().Be("0:11 1-63:10");

        translator.TryTranslate(Orders0, 9, out var before).Should().BeFalse();
        before.Should().Be(-1);
        Translate(translator, 10).Should().Be(0);
        Translate(translator, 11).Should().Be(1);
        Translate(translator, 12).Should().Be(2);
    }

    [Test]
    public void Loading_without_earlier_checkpoints_keeps_only_the_latest_sync()
    {
        // The checkpoint task could not read its checkpoints back: each sync read before the end replaces the
        // partition's slots, and nothing translates until the end is reached.
        var translator = new OffsetTranslator(InitialSyncLoad.LatestOnly);
        translator.Add(Sync(0, 1000));
        translator.Add(Sync(1, 1001));
        translator.Add(Sync(2, 1002));

        translator.Loaded.Should().BeFalse();
        translator.TryTranslate(Orders0, 2, out _).Should().BeFalse();
        SlotLayout.Of(translator, Orders0).Should().Be("0-63:2");

        translator.CompleteInitialLoad();
        Translate(translator, 2).Should().Be(1002);
        translator.TryTranslate(Orders0, 1, out _).Should().BeFalse("1 is behind the only sync kept");

        // After the load, syncs go into the slots as usual: slot 1 (2) satisfies B against 3 (3 <= 2 + 1).
        translator.Add(Sync(3, 1003));
        SlotLayout.Of(translator, Orders0).Should().Be("0:3 1-63:2");
    }

    [Test]
    public void Loading_with_earlier_checkpoints_keeps_the_history()
    {
        // MM2 3.7.1+ (KAFKA-15905 / KAFKA-16622): with its checkpoints read back, the task loads the whole topic
        // into the slots, so a group behind the latest sync translates as soon as the load is over.
        var translator = new OffsetTranslator(InitialSyncLoad.KeepHistory);
        translator.Add(Sync(0, 1000));
        translator.Add(Sync(1, 1001));
        translator.Add(Sync(2, 1002));

        translator.TryTranslate(Orders0, 1, out _).Should().BeFalse("nothing translates before the end is reached");
        SlotLayout.Of(translator, Orders0).Should().Be("0:2 1:1 2-63:0");

        translator.CompleteInitialLoad();
        Translate(translator, 1).Should().Be(1001);
        Translate(translator, 0).Should().Be(1000);
    }

    private static OffsetSync Sync(long upstream, long downstream) => new("orders", 0, upstream, downstream);

    private static long Translate(OffsetTranslator translator, long groupOffset)
    {
        translator.TryTranslate(Orders0, groupOffset, out var downstream).Should().BeTrue($"offset {groupOffset} has a sync at or before it");
        return downstream;
    }
}
