namespace Harness.Reports.Html.Charts;

/// <summary>An axis from zero to a round maximum, with round tick steps (1, 2, 2.5 or 5 times a power of ten).</summary>
internal readonly record struct AxisScale(double Max, double Step)
{
    // Steps that read well on a clock: a decimal step (250 s, 1,000 s) is meaningless as m:ss.
    private static readonly double[] SecondSteps =
        [1, 2, 5, 10, 15, 20, 30, 60, 120, 300, 600, 900, 1200, 1800, 3600, 7200, 10800, 21600, 43200, 86400];

    public static AxisScale From(double dataMax, int targetTicks, bool integer)
    {
        if (!double.IsFinite(dataMax) || dataMax <= 0)
        {
            dataMax = 1;
        }

        var raw = dataMax / targetTicks;
        var magnitude = Math.Pow(10, Math.Floor(Math.Log10(raw)));
        var normalized = raw / magnitude;
        var step = normalized switch
        {
            <= 1 => 1,
            <= 2 => 2,
            <= 2.5 => 2.5,
            <= 5 => 5,
            _ => 10,
        } * magnitude;
        if (integer)
        {
            step = Math.Max(1, Math.Ceiling(step));
        }

        return new AxisScale(Math.Ceiling((dataMax / step) - 1e-9) * step, step);
    }

    public static AxisScale ForSeconds(double dataMax, int maxTicks)
    {
        if (!double.IsFinite(dataMax) || dataMax <= 0)
        {
            dataMax = 1;
        }

        var step = SecondSteps.FirstOrDefault(s => dataMax / s <= maxTicks);
        if (step == 0)
        {
            step = Math.Ceiling(dataMax / maxTicks / 86400) * 86400;
        }

        return new AxisScale(Math.Ceiling((dataMax / step) - 1e-9) * step, step);
    }

    public IEnumerable<double> Ticks()
    {
        var count = (int)Math.Round(Max / Step);
        for (var i = 0; i <= count; i++)
        {
            yield return i * Step;
        }
    }
}
