using Harness.Engine.Verification;

namespace Harness.Engine.Apps;

/// <summary>How many sequences two range sets share, walking both sorted range lists once.</summary>
internal static class RangeOverlap
{
    public static long Count(SequenceRangeSet a, SequenceRangeSet b)
    {
        long shared = 0;
        int i = 0, j = 0;
        var x = a.Ranges;
        var y = b.Ranges;
        while (i < x.Count && j < y.Count)
        {
            var start = Math.Max(x[i].Start, y[j].Start);
            var end = Math.Min(x[i].End, y[j].End);
            if (end > start)
            {
                shared += end - start;
            }

            if (x[i].End < y[j].End)
            {
                i++;
            }
            else
            {
                j++;
            }
        }

        return shared;
    }
}
