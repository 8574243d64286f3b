using Harness.Engine.Capture;
using Harness.Engine.Load.Model;

namespace Harness.Engine.Tests.Capture;

/// <summary>Keys drawn from known distributions with fixed seeds are recognised, with parameters close to the truth.</summary>
public sealed class KeyEstimatorTests
{
    private const int Samples = 10_000;

    // A key space ten times the sample hides most of its tail: with an exponent above 1 the tail carries so little
    // that its size is only known to within a few times.
    [TestCase(1_000, 1.2, 1, 1.5)]
    [TestCase(10_000, 0.8, 2, 1.5)]
    [TestCase(100_000, 1.1, 3, 3.0)]
    public void Zipf_keys_are_recognised_with_their_exponent_and_count(long count, double exponent, int seed, double countFactor)
    {
        var estimate = KeyEstimator.Estimate(Sample(new ZipfKeys(count, exponent), seed));

        var zipf = estimate.Distribution.Should().BeOfType<ZipfKeys>().Subject;
        zipf.Exponent.Should().BeApproximately(exponent, 0.1);
        ((double)zipf.Count!.Value).Should().BeInRange(count / countFactor, count * countFactor);
        estimate.Summary.Should().Contain($"in {Samples} sampled records");
    }

    [TestCase(500, 4)]
    [TestCase(100_000, 5)]
    public void Uniform_keys_are_recognised_with_their_count(long count, int seed)
    {
        var estimate = KeyEstimator.Estimate(Sample(new UniformKeys(count), seed));

        var uniform = estimate.Distribution.Should().BeOfType<UniformKeys>().Subject;
        ((double)uniform.Count!.Value).Should().BeApproximately(count, count * 0.1);
    }

    [Test]
    public void Keys_that_never_repeat_are_sequential() =>
        KeyEstimator.Estimate(Sample(new SequentialKeys(null), 6)).Distribution.Should().BeOfType<SequentialKeys>().Which.Count.Should().BeNull();

    [Test]
    public void Records_mostly_without_keys_are_keyless()
    {
        var statistics = Sample(new UniformKeys(10), 7);
        for (var i = 0; i < Samples + 1; i++)
        {
            statistics.Add([], isNull: true);
        }

        KeyEstimator.Estimate(statistics).Distribution.Should().BeSameAs(NoKeys.Instance);
    }

    [Test]
    public void Nothing_sampled_gives_no_keys() =>
        KeyEstimator.Estimate(new KeyStatistics()).Distribution.Should().BeSameAs(NoKeys.Instance);

    [Test]
    public void The_uniform_count_solves_the_expected_distinct_count()
    {
        // 1000 draws over 1000 keys see 1000 (1 - (1 - 1/1000)^1000) ≈ 632.3 distinct keys.
        KeyEstimator.UniformCount(1_000, 632).Should().BeCloseTo(1_000, 5);
    }

    [Test]
    public void The_expected_distinct_count_of_a_zipf_sample_matches_a_simulation()
    {
        var keys = new ZipfKeys(5_000, 1.0);
        var random = new DeterministicRandom(8);
        var simulated = Enumerable.Range(0, 20).Average(_ => Enumerable.Range(0, 2_000).Select(i => keys.NextIndex(i, random)).Distinct().Count());

        KeyEstimator.ExpectedDistinct(5_000, 1.0, 2_000).Should().BeApproximately(simulated, simulated * 0.02);
    }

    private static KeyStatistics Sample(KeyDistribution keys, int seed)
    {
        var statistics = new KeyStatistics();
        var random = new DeterministicRandom((ulong)seed);
        for (var i = 0; i < Samples; i++)
        {
            var index = keys.NextIndex(i, random);
            statistics.Add(index is { } k ? KeyDistribution.KeyBytes(k) : [], index is null);
        }

        return statistics;
    }
}
