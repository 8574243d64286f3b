namespace Harness.Engine.Load.Model;

/// <summary>The same rate for ever. NBomber's <c>Inject(rate, interval, during)</c> is this shape cut at <c>during</c>.</summary>
public sealed class ConstantRate : RateShape
{
    /// <summary>Creates a constant rate.</summary>
    /// <param name="perSecond">Records per second; zero or more.</param>
    public ConstantRate(double perSecond)
    {
        PerSecond = CheckRate(perSecond, nameof(perSecond));
    }

    /// <summary>Records per second.</summary>
    public double PerSecond { get; }

    /// <inheritdoc/>
    public override double RateAt(TimeSpan elapsed) => PerSecond;

    /// <inheritdoc/>
    public override double CumulativeAt(TimeSpan elapsed) => PerSecond * Seconds(elapsed);

    /// <inheritdoc/>
    public override string ToString() => $"constant {Format(PerSecond)}/s";
}
