using Harness.Engine.Verification;

namespace Harness.Engine.Tests.Verification;

public sealed class SequenceRangeSetTests
{
    [Test]
    public void A_million_sequences_read_in_order_are_one_range()
    {
        var set = new SequenceRangeSet();

        for (var s = 0L; s < 1_000_000; s++)
        {
            set.Add(s);
        }

        set.Count.Should().Be(1_000_000);
        set.RangeCount.Should().Be(1);
    }

    [Test]
    public void Gaps_make_ranges_that_merge_when_filled_from_either_side()
    {
        var set = new SequenceRangeSet();
        foreach (var s in new long[] { 10, 12, 14, 11 })
        {
            set.Add(s);
        }

        set.RangeCount.Should().Be(2, "10-12 joined, 14 apart");
        set.Add(13).Should().BeTrue();
        set.RangeCount.Should().Be(1);
        set.Add(9).Should().BeTrue();
        set.Add(15).Should().BeTrue();
        set.RangeCount.Should().Be(1);
        set.Count.Should().Be(7);
    }

    [Test]
    public void Repeats_are_not_counted_twice_and_membership_is_exact()
    {
        var set = new SequenceRangeSet();
        foreach (var s in new long[] { 5, 1, 3, 5, 1, 2 })
        {
            set.Add(s);
        }

        set.Count.Should().Be(4);
        new long[] { 0, 1, 2, 3, 4, 5, 6 }.Select(set.Contains).Should().Equal(false, true, true, true, false, true, false);
    }

    [Test]
    public void Random_order_agrees_with_a_hash_set()
    {
        var random = new Random(7);
        var set = new SequenceRangeSet();
        var truth = new HashSet<long>();

        for (var i = 0; i < 5_000; i++)
        {
            var s = random.Next(0, 3_000);
            set.Add(s).Should().Be(truth.Add(s));
        }

        set.Count.Should().Be(truth.Count);
        Enumerable.Range(0, 3_000).Count(s => set.Contains(s)).Should().Be(truth.Count);
    }
}
