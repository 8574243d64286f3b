using Harness.Reports.Sizing;

namespace Harness.Engine.Sizing;

/// <summary>
/// Finds the knee of one capacity curve, as OpenMessaging Benchmark's max-rate mode does: double the load while
/// levels pass, halve it while they fail, then bisect between the highest pass and the lowest failure until they
/// are within <see cref="SizingSpec.Precision"/> of each other. A failed level's achieved rate is a hint: the next
/// probes go just under and just above it rather than blindly to the middle, which saves levels when the replicator is the limit.
/// </summary>
/// <param name="precision">Stop when (lowest failure − highest pass) / highest pass is at most this.</param>
/// <param name="maxLevels">Run at most this many levels.</param>
public sealed class KneeSearch(double precision, int maxLevels)
{
    /// <summary>Runs levels from <paramref name="start"/> until the knee is bracketed or the levels run out.</summary>
    /// <param name="start">The first multiplier.</param>
    /// <param name="runLevel">Runs the level at a multiplier.</param>
    /// <param name="cancellation">Stops the search.</param>
    public async Task<IReadOnlyList<LoadLevelResult>> SearchAsync(double start, Func<double, CancellationToken, Task<LoadLevelResult>> runLevel, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(runLevel);
        var levels = new List<LoadLevelResult>();
        double? lo = null, hi = null, estimate = null;
        var multiplier = start;
        while (levels.Count < maxLevels)
        {
            cancellation.ThrowIfCancellationRequested();
            var level = await runLevel(multiplier, cancellation).ConfigureAwait(false);
            levels.Add(level);
            if (level.Passed)
            {
                lo = Math.Max(lo ?? 0, multiplier);
            }
            else
            {
                hi = Math.Min(hi ?? double.MaxValue, multiplier);
                estimate = level.OfferedRecordsPerSecond > 0 && level.ReplicateRecordsPerSecond > 0
                    ? multiplier * level.ReplicateRecordsPerSecond / level.OfferedRecordsPerSecond
                    : null;
            }

            if (lo is { } l && hi is { } h && (h - l) / l <= precision + 1e-9)
            {
                break;
            }

            multiplier = Next(lo, hi, estimate);
        }

        return levels;
    }

    /// <summary>The knee of a curve: the highest replicate rate among passing levels, or null.</summary>
    public static LoadLevelResult? Knee(IReadOnlyList<LoadLevelResult> levels) =>
        levels.Where(l => l.Passed).MaxBy(l => l.ReplicateRecordsPerSecond);

    private double Next(double? lo, double? hi, double? estimate)
    {
        if (hi is not { } h)
        {
            return lo!.Value * 2;
        }

        if (lo is not { } l)
        {
            // Nothing passed yet: go just under what the failed level achieved, or halve.
            return estimate is { } e && e * 0.9 < h ? e * 0.9 : h / 2;
        }

        // The last failure's achieved rate is about the capacity: first raise the highest pass to just under it, then
        // close the bracket just above the highest pass. Near the knee that takes two levels where halving takes several.
        if (estimate is { } est)
        {
            var probe = est > l * (1 + precision) ? est * (1 - (precision / 2)) : l * (1 + precision);
            if (probe > l && probe < h)
            {
                return probe;
            }
        }

        return (l + h) / 2;
    }
}
