using Harness.Engine.Capture;
using Harness.Engine.Load.Model;

namespace Harness.Engine.Tests.Capture;

public sealed class SizeEstimatorTests
{
    [Test]
    public void One_size_throughout_is_a_fixed_size() =>
        SizeEstimator.Estimate(Enumerable.Repeat(200, 50).ToList()).Should().BeOfType<FixedSize>().Which.Bytes.Should().Be(200);

    [Test]
    public void Nothing_sampled_gives_no_distribution() =>
        SizeEstimator.Estimate([]).Should().BeNull();

    [Test]
    public void A_lognormal_sample_becomes_a_histogram_that_keeps_its_quartiles_and_mean()
    {
        var truth = LogNormalSize.FromMedian(400, 0.6, 0, 1_000_000);
        var random = new DeterministicRandom(9);
        var sizes = Enumerable.Range(0, 20_000).Select(_ => truth.Sample(random)).ToList();

        var histogram = SizeEstimator.Estimate(sizes).Should().BeOfType<HistogramSize>().Subject;
        var replayRandom = new DeterministicRandom(10);
        var replayed = Enumerable.Range(0, 20_000).Select(_ => (double)histogram.Sample(replayRandom)).ToList();

        histogram.Buckets.Should().HaveCountLessThanOrEqualTo(SizeEstimator.MaxBuckets);
        Quantile(replayed, 0.5).Should().BeApproximately(400, 40);
        Quantile(replayed, 0.25).Should().BeApproximately(Quantile(sizes.Select(s => (double)s).ToList(), 0.25), 40);
        Quantile(replayed, 0.75).Should().BeApproximately(Quantile(sizes.Select(s => (double)s).ToList(), 0.75), 60);
        replayed.Average().Should().BeApproximately(sizes.Average(), sizes.Average() * 0.1);
    }

    private static double Quantile(List<double> values, double q)
    {
        var sorted = values.Order().ToList();
        return sorted[(int)(q * (sorted.Count - 1))];
    }
}
