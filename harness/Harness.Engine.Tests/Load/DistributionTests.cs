using Harness.Engine.Load.Model;

namespace Harness.Engine.Tests.Load;

public sealed class DistributionTests
{
    private const int Samples = 100_000;

    [Test]
    public void Fixed_size_is_always_the_same()
    {
        var random = new DeterministicRandom(1);

        Enumerable.Range(0, 100).Select(_ => new FixedSize(512).Sample(random)).Should().OnlyContain(s => s == 512);
    }

    [Test]
    public void Uniform_sizes_cover_the_range_evenly()
    {
        var distribution = new UniformSize(200, 209);
        var random = new DeterministicRandom(2);
        var counts = new int[10];
        for (var i = 0; i < Samples; i++)
        {
            counts[distribution.Sample(random) - 200]++;
        }

        counts.Should().OnlyContain(c => c > 0);
        Statistics.ChiSquare(counts, Enumerable.Repeat(Samples / 10.0, 10).ToArray()).Should().BeLessThan(27.88);
    }

    [Test]
    public void Normal_sizes_have_the_given_mean_and_deviation_inside_the_bounds()
    {
        var distribution = new NormalSize(600, 150, 0, 10_000);
        var sizes = Sample(distribution, 3);

        sizes.Average().Should().BeApproximately(600, 2);
        Statistics.StandardDeviation(sizes).Should().BeApproximately(150, 2);
    }

    [Test]
    public void Normal_sizes_are_clamped()
    {
        var sizes = Sample(new NormalSize(600, 150, 500, 700), 4);

        sizes.Should().OnlyContain(s => s >= 500 && s <= 700);
        sizes.Count(s => s == 500).Should().BeCloseTo((int)(Samples * 0.2525), 800, "P(Z < -2/3) is about 25%");
    }

    [Test]
    public void Log_normal_sizes_have_the_given_median_and_log_deviation()
    {
        var distribution = LogNormalSize.FromMedian(400, 0.5, 0, 1_000_000);
        var sizes = Sample(distribution, 5);

        Statistics.Median(sizes).Should().BeApproximately(400, 4);
        Statistics.StandardDeviation([.. sizes.Select(s => Math.Log(Math.Max(s, 1)))]).Should().BeApproximately(0.5, 0.01);
        sizes.Average().Should().BeApproximately(400 * Math.Exp(0.125), 3, "the mean of a log-normal is e^(mu + sigma^2 / 2)");
    }

    [Test]
    public void Histogram_sizes_follow_their_weights()
    {
        var distribution = new HistogramSize([new SizeBucket(200, 70), new SizeBucket(1024, 20), new SizeBucket(4096, 10)]);
        var sizes = Sample(distribution, 6);
        var counts = new[] { sizes.Count(s => s == 200), sizes.Count(s => s == 1024), sizes.Count(s => s == 4096) };

        counts.Sum().Should().Be(Samples);
        Statistics.ChiSquare(counts, [Samples * 0.7, Samples * 0.2, Samples * 0.1]).Should().BeLessThan(13.82, "the 0.1% critical value for 2 degrees of freedom");
        (distribution.Min, distribution.Max).Should().Be((200, 4096));
    }

    [Test]
    public void Keys_format_as_stable_strings()
    {
        KeyDistribution.FormatKey(123).Should().Be("key-000123");
        KeyDistribution.FormatKey(0).Should().Be("key-000000");
        KeyDistribution.FormatKey(12_345_678).Should().Be("key-12345678");
        KeyDistribution.KeyBytes(7).Should().Equal("key-000007"u8.ToArray());
    }

    [Test]
    public void Sequential_keys_follow_the_ordinal_and_wrap()
    {
        var random = new DeterministicRandom(7);

        Enumerable.Range(0, 7).Select(i => new SequentialKeys(3).NextIndex(i, random)).Should().Equal(0L, 1L, 2L, 0L, 1L, 2L, 0L);
        new SequentialKeys(null).NextIndex(1_000_000, random).Should().Be(1_000_000);
        NoKeys.Instance.NextIndex(5, random).Should().BeNull();
    }

    [Test]
    public void Uniform_keys_are_uniform_by_chi_square()
    {
        var keys = new UniformKeys(20);
        var random = new DeterministicRandom(8);
        var counts = new int[20];
        for (var i = 0; i < Samples; i++)
        {
            counts[keys.NextIndex(i, random)!.Value]++;
        }

        Statistics.ChiSquare(counts, Enumerable.Repeat(Samples / 20.0, 20).ToArray()).Should().BeLessThan(43.82, "the 0.1% critical value for 19 degrees of freedom");
    }

    [TestCase(1.0)]
    [TestCase(1.5)]
    [TestCase(0.8)]
    public void Zipf_keys_have_the_rank_frequency_slope_of_their_exponent(double exponent)
    {
        var keys = new ZipfKeys(1000, exponent);
        var random = new DeterministicRandom(9);
        var counts = new int[1000];
        for (var i = 0; i < 400_000; i++)
        {
            counts[keys.NextIndex(i, random)!.Value]++;
        }

        // Key index k is rank k + 1; on log-log axes frequency falls with slope -s.
        var ranks = Enumerable.Range(1, 30).Select(r => Math.Log(r)).ToArray();
        var frequencies = Enumerable.Range(0, 30).Select(k => Math.Log(counts[k])).ToArray();
        Statistics.Slope(ranks, frequencies).Should().BeApproximately(-exponent, 0.05);
        counts[0].Should().BeGreaterThan(counts[1]).And.BeGreaterThan(counts[10]);
    }

    [Test]
    public void Zipf_keys_match_the_exact_probabilities_for_a_small_key_space()
    {
        const int Count = 5;
        var keys = new ZipfKeys(Count, 1.2);
        var random = new DeterministicRandom(10);
        var counts = new int[Count];
        for (var i = 0; i < Samples; i++)
        {
            counts[keys.NextIndex(i, random)!.Value]++;
        }

        var weights = Enumerable.Range(1, Count).Select(k => Math.Pow(k, -1.2)).ToArray();
        var expected = weights.Select(w => w / weights.Sum() * Samples).ToArray();
        Statistics.ChiSquare(counts, expected).Should().BeLessThan(18.47, "the 0.1% critical value for 4 degrees of freedom");
    }

    [Test]
    public void Zipf_keys_need_no_table_for_a_huge_key_space()
    {
        var keys = new ZipfKeys(1_000_000_000_000, 1.1);
        var random = new DeterministicRandom(11);

        Enumerable.Range(0, 10_000).Select(i => keys.NextIndex(i, random)!.Value).Should().OnlyContain(k => k >= 0 && k < 1_000_000_000_000);
    }

    [Test]
    public void Invalid_distributions_are_refused()
    {
        FluentActions.Invoking(() => new UniformSize(10, 5)).Should().Throw<ArgumentOutOfRangeException>();
        FluentActions.Invoking(() => new FixedSize(-1)).Should().Throw<ArgumentOutOfRangeException>();
        FluentActions.Invoking(() => new LogNormalSize(5, 0, 0, 10)).Should().Throw<ArgumentOutOfRangeException>();
        FluentActions.Invoking(() => new HistogramSize([])).Should().Throw<ArgumentException>();
        FluentActions.Invoking(() => new SizeBucket(10, 0)).Should().Throw<ArgumentOutOfRangeException>();
        FluentActions.Invoking(() => new ZipfKeys(10, 0)).Should().Throw<ArgumentOutOfRangeException>();
        FluentActions.Invoking(() => new UniformKeys(0)).Should().Throw<ArgumentOutOfRangeException>();
    }

    private static double[] Sample(SizeDistribution distribution, ulong seed)
    {
        var random = new DeterministicRandom(seed);
        return [.. Enumerable.Range(0, Samples).Select(_ => (double)distribution.Sample(random))];
    }
}
