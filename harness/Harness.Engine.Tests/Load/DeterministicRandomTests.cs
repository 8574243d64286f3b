using Harness.Engine.Load.Model;

namespace Harness.Engine.Tests.Load;

public sealed class DeterministicRandomTests
{
    [Test]
    public void Matches_the_reference_xoshiro256_star_star_seeded_by_splitmix64()
    {
        // Reference values from the published algorithms, computed independently of this code.
        var zero = new DeterministicRandom(0);
        var fortyTwo = new DeterministicRandom(42);

        new[] { zero.NextUInt64(), zero.NextUInt64(), zero.NextUInt64() }
            .Should().Equal(0x99EC5F36CB75F2B4UL, 0xBF6E1F784956452AUL, 0x1A5F849D4933E6E0UL);
        new[] { fortyTwo.NextUInt64(), fortyTwo.NextUInt64(), fortyTwo.NextUInt64() }
            .Should().Equal(0x15780B2E0C2EC716UL, 0x6104D9866D113A7EUL, 0xAE17533239E499A1UL);
    }

    [Test]
    public void Stream_names_hash_the_same_on_every_run() =>
        DeterministicRandom.StableHash("orders").Should().Be(0x00125D9250BE8B4CUL);

    [Test]
    public void Same_seed_gives_the_same_sequence()
    {
        var a = DeterministicRandom.ForStream(7, "orders/keys");
        var b = DeterministicRandom.ForStream(7, "orders/keys");

        Enumerable.Range(0, 1000).Select(_ => a.NextUInt64()).Should().Equal(Enumerable.Range(0, 1000).Select(_ => b.NextUInt64()));
    }

    [Test]
    public void Different_seeds_and_streams_give_different_sequences()
    {
        var first = DeterministicRandom.ForStream(7, "orders").NextUInt64();

        DeterministicRandom.ForStream(8, "orders").NextUInt64().Should().NotBe(first);
        DeterministicRandom.ForStream(7, "clicks").NextUInt64().Should().NotBe(first);
        DeterministicRandom.ForIndex(DeterministicRandom.StreamSeed(7, "orders"), 1).NextUInt64()
            .Should().NotBe(DeterministicRandom.ForIndex(DeterministicRandom.StreamSeed(7, "orders"), 2).NextUInt64());
    }

    [Test]
    public void Bounded_integers_stay_in_bounds()
    {
        var random = new DeterministicRandom(1);

        Enumerable.Range(0, 10_000).Select(_ => random.NextInt64(7)).Should().OnlyContain(v => v >= 0 && v < 7);
        Enumerable.Range(0, 10_000).Select(_ => random.NextInt64(-3, 3)).Should().OnlyContain(v => v >= -3 && v <= 3);
        Enumerable.Range(0, 100).Select(_ => random.NextInt64(long.MinValue, long.MaxValue)).Distinct().Should().HaveCount(100);
        random.NextInt64(5, 5).Should().Be(5);
    }

    [Test]
    public void Bounded_integers_are_uniform_by_chi_square()
    {
        const int Buckets = 10;
        const int Samples = 100_000;
        var random = new DeterministicRandom(2024);
        var counts = new int[Buckets];
        for (var i = 0; i < Samples; i++)
        {
            counts[random.NextInt64(Buckets)]++;
        }

        // 27.88 is the 0.1% critical value for 9 degrees of freedom.
        Statistics.ChiSquare(counts, Enumerable.Repeat((double)Samples / Buckets, Buckets).ToArray()).Should().BeLessThan(27.88);
    }

    [Test]
    public void Doubles_are_uniform_in_the_unit_interval()
    {
        var random = new DeterministicRandom(3);
        var samples = Enumerable.Range(0, 100_000).Select(_ => random.NextDouble()).ToArray();

        samples.Should().OnlyContain(v => v >= 0 && v < 1);
        samples.Average().Should().BeApproximately(0.5, 0.005);
        Statistics.StandardDeviation(samples).Should().BeApproximately(Math.Sqrt(1.0 / 12), 0.005);
    }

    [Test]
    public void Gaussians_have_mean_zero_and_deviation_one()
    {
        var random = new DeterministicRandom(4);
        var samples = Enumerable.Range(0, 100_000).Select(_ => random.NextGaussian()).ToArray();

        samples.Average().Should().BeApproximately(0, 0.01);
        Statistics.StandardDeviation(samples).Should().BeApproximately(1, 0.01);
        samples.Count(v => Math.Abs(v) < 1).Should().BeCloseTo(68_269, 600, "about 68.3% fall within one deviation");
    }
}
