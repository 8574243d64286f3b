namespace Harness.Engine.Load.Model;

/// <summary>An open model: records arrive at the rate the <see cref="Shape"/> gives, acknowledged or not.</summary>
public sealed class OpenLoadModel : LoadModel
{
    /// <summary>Creates an open model.</summary>
    /// <param name="shape">The arrival rate over time.</param>
    public OpenLoadModel(RateShape shape)
    {
        ArgumentNullException.ThrowIfNull(shape);
        Shape = shape;
    }

    /// <summary>The arrival rate over time.</summary>
    public RateShape Shape { get; }

    /// <inheritdoc/>
    public override TimeSpan? NaturalDuration => Shape.NaturalDuration;

    /// <inheritdoc/>
    public override string ToString() => Shape.ToString();
}
