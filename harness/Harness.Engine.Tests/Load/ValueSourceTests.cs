using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Harness.Engine.Load;

namespace Harness.Engine.Tests.Load;

public sealed class ValueSourceTests
{
    [Test]
    public void The_same_seed_and_ordinal_give_the_same_bytes_and_another_seed_others()
    {
        var first = new ValueSource(7);
        var again = new ValueSource(7);
        var other = new ValueSource(8);

        first.Value(12_345, 200).ToArray().Should().Equal(again.Value(12_345, 200).ToArray());
        first.Value(12_345, 200).ToArray().Should().NotEqual(other.Value(12_345, 200).ToArray());
    }

    [TestCase(1)]
    [TestCase(200)]
    [TestCase(1_000)]
    [TestCase(8 * 1024)]
    public void Consecutive_values_of_one_size_do_not_overlap_within_a_pass_of_the_block(int size)
    {
        var values = new ValueSource(1);
        var perPass = (ValueSource.MaxSize - size + 1) / Math.Max(64, (size + 63) & ~63);

        for (long ordinal = 0; ordinal + 1 < Math.Min(perPass, 2_000); ordinal++)
        {
            var gap = Offset(values, ordinal + 1, size) - Offset(values, ordinal, size);
            gap.Should().BeGreaterThanOrEqualTo(size, $"record {ordinal + 1} starts inside record {ordinal}");
        }
    }

    [Test]
    public void A_value_stays_inside_the_block_whatever_its_ordinal()
    {
        var values = new ValueSource(1);

        foreach (var ordinal in new long[] { 0, 1, 16_383, 16_384, 1_000_000, long.MaxValue / 8_192 })
        {
            Offset(values, ordinal, 5_000).Should().BeInRange(0, ValueSource.MaxSize - 5_000);
        }
    }

    // A generator elsewhere asking for another seed in between would replace the shared block.
    [Test]
    [NonParallelizable]
    public void Generators_with_one_seed_share_one_block_and_another_seed_gets_its_own()
    {
        var shared = ValueSource.For(41);

        ValueSource.For(41).Should().BeSameAs(shared);
        ValueSource.For(42).Seed.Should().Be(42);
    }

    /// <summary>Where record <paramref name="ordinal"/>'s value starts, from the start of the block.</summary>
    private static long Offset(ValueSource values, long ordinal, int size) =>
        (long)Unsafe.ByteOffset(ref MemoryMarshal.GetReference(values.Value(0, 0)), ref MemoryMarshal.GetReference(values.Value(ordinal, size)));
}
