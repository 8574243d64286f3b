using System.Globalization;
using Harness.Engine.Scenarios;
using Harness.Reports.Model;

namespace Harness.Engine.Resources;

/// <summary>
/// The check "memory flat": the harness process's RSS (embedded clusters included) must not grow faster than the
/// scenario's <c>expect.memory.maxSlopeMiBPerMinute</c> over the second half of the run, when start-up has settled and a
/// leak shows as a steady climb.
/// </summary>
public static class MemoryChecks
{
    /// <summary>The check's name.</summary>
    public const string Name = "memory flat";

    /// <summary>
    /// The shortest second half the check judges. Over its first seconds the harness is still warming up (code compiled,
    /// thread pool and collector budgets growing: a 20-second soak climbs about 1.5 MiB/s), which no bound on a leak
    /// can tell from a leak; after about 30 s that growth is over (see docs/benchmarks.md, Soak), so a run of a minute
    /// or more is judged.
    /// </summary>
    public static readonly TimeSpan ShortestJudged = TimeSpan.FromSeconds(30);

    // Fewer points than this in the second half make a slope of noise, not a finding.
    private const int FewestPoints = 3;

    /// <summary>The check for <paramref name="samples"/> under <paramref name="expect"/>; none without a bound.</summary>
    public static IReadOnlyList<CheckResult> Evaluate(MemoryExpectation expect, IReadOnlyList<MetricSample> samples)
    {
        ArgumentNullException.ThrowIfNull(expect);
        ArgumentNullException.ThrowIfNull(samples);
        if (expect.MaxSlopeMiBPerMinute is not { } bound)
        {
            return [];
        }

        var expected = string.Create(CultureInfo.InvariantCulture, $"harness RSS slope over the second half at most {bound:0.##} MiB/min");
        var half = MemorySlope.SecondHalf([.. samples.Where(s => s.HarnessRssMiB is not null).Select(s => (s.OffsetSeconds, s.HarnessRssMiB!.Value))]);
        var span = half.Count == 0 ? TimeSpan.Zero : TimeSpan.FromSeconds(half[^1].Seconds - half[0].Seconds);
        if (half.Count > 0 && span < ShortestJudged)
        {
            // A run this short is all start-up: say what was seen and leave the judgement to a longer run.
            var seen = MemorySlope.MiBPerMinute(half) is { } early
                ? string.Create(CultureInfo.InvariantCulture, $"{early:+0.##;-0.##;0} MiB/min, {half[0].MiB:0} to {half[^1].MiB:0} MiB")
                : string.Create(CultureInfo.InvariantCulture, $"{half[0].MiB:0} MiB");
            return [new CheckResult
            {
                Name = Name,
                Passed = true,
                Measured = string.Create(CultureInfo.InvariantCulture, $"not judged: the second half lasted {span.TotalSeconds:0}s ({seen})"),
                Expected = expected,
                Message = "a slope over less than 30 s measures start-up, not a leak: run at least a minute (--duration 1m) for the check to judge",
            }];
        }

        if (MemorySlope.MiBPerMinute(half) is not { } slope || half.Count < FewestPoints)
        {
            return [new CheckResult
            {
                Name = Name,
                Passed = false,
                Measured = $"{half.Count} RSS samples in the second half",
                Expected = expected,
                Message = $"too few memory samples to judge (at least {FewestPoints} in the second half): run longer, or sample more often",
            }];
        }

        var passed = slope <= bound;
        return [new CheckResult
        {
            Name = Name,
            Passed = passed,
            Measured = string.Create(CultureInfo.InvariantCulture,
                $"{slope:+0.##;-0.##;0} MiB/min ({half.Count} samples from {half[0].Seconds:0}s to {half[^1].Seconds:0}s, {half[0].MiB:0} to {half[^1].MiB:0} MiB)"),
            Expected = expected,
            Message = passed ? null : string.Create(CultureInfo.InvariantCulture,
                $"the harness's memory grew {slope:0.##} MiB/min over the second half of the run, above {bound:0.##}: something keeps what it should let go (see the memory chart)"),
        }];
    }
}
