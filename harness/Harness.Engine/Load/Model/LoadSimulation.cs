namespace Harness.Engine.Load.Model;

/// <summary>
/// NBomber's load simulation names mapped onto this model, so a load written for NBomber reads the same
/// here. NBomber runs a list of simulations one after another; <see cref="Sequence"/> does the same.
/// </summary>
/// <remarks>
/// <list type="table">
/// <listheader><term>NBomber</term><description>Here</description></listheader>
/// <item><term><c>Inject(rate, interval, during)</c></term><description>A flat segment at <c>rate / interval</c> records per second for <c>during</c>: open model.</description></item>
/// <item><term><c>RampingInject(rate, interval, during)</c></term><description>A linear segment from the previous phase's rate (zero at the start) to <c>rate / interval</c> over <c>during</c>: open model.</description></item>
/// <item><term><c>Pause(during)</c></term><description>A flat segment at zero.</description></item>
/// <item><term><c>KeepConstant(copies, during)</c></term><description><see cref="ClosedLoadModel"/>: <c>copies</c> sends in flight. NBomber's copies are virtual users; here they are outstanding produce requests.</description></item>
/// <item><term><c>RampingConstant</c>, <c>IterationsForConstant</c>, <c>IterationsForInject</c></term><description>Not mapped: use a ramp shape or a record count instead.</description></item>
/// </list>
/// </remarks>
public static class LoadSimulation
{
    /// <summary>NBomber's <c>Inject</c>: a constant rate for <paramref name="during"/>.</summary>
    /// <param name="rate">Records per <paramref name="interval"/>.</param>
    /// <param name="interval">The period <paramref name="rate"/> is counted over; NBomber usually uses one second.</param>
    /// <param name="during">How long the phase lasts.</param>
    public static RateSegment Inject(double rate, TimeSpan interval, TimeSpan during) =>
        RateSegment.Constant(PerSecond(rate, interval), during);

    /// <summary>NBomber's <c>RampingInject</c>: a linear change from the previous rate to <paramref name="rate"/>.</summary>
    /// <param name="rate">Records per <paramref name="interval"/> at the end of the phase.</param>
    /// <param name="interval">The period <paramref name="rate"/> is counted over.</param>
    /// <param name="during">How long the phase lasts.</param>
    /// <param name="previousPerSecond">The rate the previous phase ended at, records per second; zero for the first phase.</param>
    public static RateSegment RampingInject(double rate, TimeSpan interval, TimeSpan during, double previousPerSecond) =>
        new(previousPerSecond, PerSecond(rate, interval), during);

    /// <summary>NBomber's <c>Pause</c>: nothing sent for <paramref name="during"/>.</summary>
    /// <param name="during">How long the pause lasts.</param>
    public static RateSegment Pause(TimeSpan during) => RateSegment.Constant(0, during);

    /// <summary>NBomber's <c>KeepConstant</c>: a closed model with <paramref name="copies"/> sends in flight.</summary>
    /// <param name="copies">Sends kept in flight.</param>
    /// <param name="during">How long the phase lasts.</param>
    public static ClosedLoadModel KeepConstant(int copies, TimeSpan during) => new(copies, during);

    /// <summary>Runs open-model phases one after another, as NBomber runs its simulation list.</summary>
    /// <param name="phases">Segments from <see cref="Inject"/>, <see cref="RampingInject"/> and <see cref="Pause"/>.</param>
    public static OpenLoadModel Sequence(IEnumerable<RateSegment> phases) => new(new PiecewiseRate(phases));

    private static double PerSecond(double rate, TimeSpan interval)
    {
        RateShape.CheckRate(rate, nameof(rate));
        RateShape.CheckPositive(interval, nameof(interval));
        return rate / interval.TotalSeconds;
    }
}
