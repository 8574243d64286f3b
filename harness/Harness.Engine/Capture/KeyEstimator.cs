using System.Globalization;
using Harness.Engine.Load.Model;

namespace Harness.Engine.Capture;

/// <summary>
/// Turns sampled key frequencies into one of the load model's key distributions: none, sequential (every key
/// new), uniform over N, or Zipf over N with exponent s.
/// </summary>
/// <remarks>
/// A sample of m records shows d distinct keys. Uniform keys are told from skewed ones by the most frequent
/// key: over N equally likely keys it appears about m/N times, give or take a few standard deviations, while
/// a Zipf head takes a fixed share of all records. Uniform N solves N(1 - (1 - 1/N)^m) = d, the expected
/// distinct count. For Zipf, the exponent s and count N are fitted together: s so that the top keys' expected
/// share matches theirs in the sample, N so that the expected distinct count matches d. A sample only bounds
/// N from below when it is much smaller than the key space; a larger sample sharpens both estimates.
/// </remarks>
public static class KeyEstimator
{
    /// <summary>The largest key count an estimate gives: beyond it, a replay cannot tell the difference in a run's length.</summary>
    public const long MaxKeys = 1_000_000_000;

    /// <summary>A fitted exponent below this is too flat to tell from uniform keys.</summary>
    private const double MinExponent = 0.3;

    private const int HeadKeys = 10;

    /// <summary>Keys seen at least this often have a clear rank: the Poisson noise on their count is under a third.</summary>
    private const long MinHeadFrequency = 10;

    private const int MinHeadRanks = 5;
    private const int ExactTerms = 1_000;
    private const double TailStep = 1.03;

    /// <summary>Estimates the key distribution.</summary>
    /// <param name="statistics">The sampled keys.</param>
    public static KeyEstimate Estimate(KeyStatistics statistics)
    {
        ArgumentNullException.ThrowIfNull(statistics);
        var keyed = statistics.Records - statistics.NullKeys;
        if (statistics.Records == 0)
        {
            return new KeyEstimate(NoKeys.Instance, "no records sampled");
        }

        if (keyed * 2 <= statistics.Records)
        {
            return new KeyEstimate(NoKeys.Instance, Format($"{statistics.NullKeys} of {statistics.Records} sampled records have no key"));
        }

        var frequencies = statistics.Frequencies;
        var distinct = frequencies.Count;
        var seen = Format($"{distinct} distinct keys in {keyed} sampled records");
        if (distinct == keyed)
        {
            return new KeyEstimate(new SequentialKeys(null), seen + ": every key new, as ids or UUIDs are");
        }

        var uniformCount = UniformCount(keyed, distinct);
        var perKey = (double)keyed / uniformCount;
        var top = frequencies[0];
        var uniform = new KeyEstimate(new UniformKeys(uniformCount), seen + Format($"; the most frequent appears {top} times, as uniform keys would"));

        // The largest of d Poisson(λ) counts lies about sqrt(2 λ ln d) above λ; half as much again is a generous margin.
        if (top <= perKey + (1.5 * Math.Sqrt(2 * perKey * Math.Log(Math.Max(2, distinct)))) + 3)
        {
            return uniform;
        }

        var headCount = Math.Min(HeadKeys, distinct);
        var headShare = frequencies.Take(headCount).Sum() / (double)keyed;
        var (count, exponent) = SlopeOfHead(frequencies) is { } slope
            ? (CountFor(keyed, distinct, slope), slope)
            : FitZipf(keyed, distinct, headCount, headShare, uniformCount);
        if (exponent < MinExponent)
        {
            return uniform;
        }

        // With a steep exponent the unseen tail carries almost nothing and hardly moves the expected distinct
        // count, so the fit can run off to any size; d² keys is already far more than a sample could show.
        count = Math.Min(count, Math.Max(distinct, (long)distinct * distinct));
        return new KeyEstimate(
            new ZipfKeys(count, Math.Round(exponent, 2)),
            seen + Format($"; the top {headCount} carry {headShare:P1} of records"));
    }

    /// <summary>N such that N equally likely keys give <paramref name="distinct"/> distinct ones in <paramref name="draws"/> draws, on average.</summary>
    internal static long UniformCount(long draws, long distinct)
    {
        if (distinct >= draws)
        {
            return MaxKeys;
        }

        double Expected(double n) => n * Seen(1.0 / n, draws);
        return (long)Math.Round(Solve(distinct, Math.Max(1, distinct), MaxKeys, Expected));
    }

    /// <summary>The expected number of distinct keys in <paramref name="draws"/> draws from Zipf(<paramref name="count"/>, <paramref name="exponent"/>).</summary>
    internal static double ExpectedDistinct(long count, double exponent, long draws)
    {
        var normaliser = Harmonic(count, exponent);
        return SumOverKeys(count, k => Seen(Math.Pow(k, -exponent) / normaliser, draws));
    }

    /// <summary>The share of records carried by the <paramref name="head"/> most frequent keys of Zipf(<paramref name="count"/>, <paramref name="exponent"/>).</summary>
    internal static double HeadShare(long count, double exponent, int head)
    {
        double share = 0;
        for (var k = 1; k <= Math.Min(head, count); k++)
        {
            share += Math.Pow(k, -exponent);
        }

        return share / Harmonic(count, exponent);
    }

    /// <summary>
    /// The exponent from the head alone: under Zipf the k-th most frequent key appears about f₁ / k^s times, so s
    /// is minus the slope of log frequency against log rank. Only keys seen often enough for their rank to be
    /// clear take part; the answer does not depend on the key count, which the sample cannot see well.
    /// </summary>
    private static double? SlopeOfHead(IReadOnlyList<long> frequencies)
    {
        var ranks = frequencies.TakeWhile(f => f >= MinHeadFrequency).Count();
        if (ranks < MinHeadRanks)
        {
            return null;
        }

        var x = Enumerable.Range(1, ranks).Select(r => Math.Log(r)).ToArray();
        var y = frequencies.Take(ranks).Select(f => Math.Log(f)).ToArray();
        var meanX = x.Average();
        var meanY = y.Average();
        var slope = x.Select((v, i) => (v - meanX) * (y[i] - meanY)).Sum() / x.Sum(v => (v - meanX) * (v - meanX));
        return Math.Clamp(-slope, 0.01, 5.0);
    }

    private static long CountFor(long draws, int distinct, double exponent) =>
        (long)Math.Round(Solve(distinct, distinct, MaxKeys, n => ExpectedDistinct((long)n, exponent, draws)));

    private static (long Count, double Exponent) FitZipf(long draws, int distinct, int head, double headShare, long start)
    {
        var count = Math.Max(distinct, start);
        var exponent = 1.0;
        for (var round = 0; round < 25; round++)
        {
            var fixedCount = count;
            exponent = Solve(headShare, 0.01, 5.0, s => HeadShare(fixedCount, s, head));
            var fixedExponent = exponent;
            var next = (long)Math.Round(Solve(distinct, distinct, MaxKeys, n => ExpectedDistinct((long)n, fixedExponent, draws)));
            if (next == count)
            {
                break;
            }

            count = next;
        }

        return (Math.Clamp(count, distinct, MaxKeys), exponent);
    }

    /// <summary>1 - (1 - p)^draws, the chance a key of probability p shows up at least once, accurate for tiny p.</summary>
    private static double Seen(double p, long draws)
    {
        // ln(1 - p) by its series where 1 - p would round away p's digits.
        var log = p < 1e-4 ? -p - (p * p / 2) - (p * p * p / 3) : Math.Log(1 - p);
        var exponent = draws * log;
        return exponent > -1e-5 ? -exponent - (exponent * exponent / 2) : 1 - Math.Exp(exponent);
    }

    private static double Harmonic(long count, double exponent) => SumOverKeys(count, k => Math.Pow(k, -exponent));

    /// <summary>Σ f(k) for k = 1..count: exact for the first terms, then over geometric blocks, since the terms vary slowly there.</summary>
    private static double SumOverKeys(long count, Func<double, double> term)
    {
        double sum = 0;
        var exact = Math.Min(count, ExactTerms);
        for (var k = 1; k <= exact; k++)
        {
            sum += term(k);
        }

        for (double from = exact + 1; from <= count;)
        {
            var to = Math.Min(count, Math.Floor(from * TailStep));
            sum += term((from + to) / 2) * (to - from + 1);
            from = to + 1;
        }

        return sum;
    }

    /// <summary>Bisection for an increasing function: the x in [low, high] where f(x) reaches <paramref name="target"/>.</summary>
    private static double Solve(double target, double low, double high, Func<double, double> f)
    {
        if (f(high) <= target)
        {
            return high;
        }

        if (f(low) >= target)
        {
            return low;
        }

        for (var i = 0; i < 80 && high - low > Math.Max(1e-6, low * 1e-6); i++)
        {
            var middle = low + ((high - low) / 2);
            if (f(middle) < target)
            {
                low = middle;
            }
            else
            {
                high = middle;
            }
        }

        return low + ((high - low) / 2);
    }

    private static string Format(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
