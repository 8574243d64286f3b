namespace Harness.Engine.Load.Model;

/// <summary>
/// A closed model, NBomber's <c>KeepConstant(copies, during)</c>: <see cref="Copies"/> sends are kept in
/// flight, each new one starting when an earlier one is acknowledged, so throughput is whatever the
/// cluster sustains. Useful to find a ceiling; an open model is the honest one for latency under load.
/// </summary>
public sealed class ClosedLoadModel : LoadModel
{
    /// <summary>Creates a closed model.</summary>
    /// <param name="copies">Sends kept in flight across all of the topic's producers; positive.</param>
    /// <param name="during">How long to keep them going, or <see langword="null"/> when a record count or duration ends the load.</param>
    public ClosedLoadModel(int copies, TimeSpan? during)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(copies);
        if (during is { } length)
        {
            RateShape.CheckPositive(length, nameof(during));
        }

        Copies = copies;
        During = during;
    }

    /// <summary>Sends kept in flight across all of the topic's producers.</summary>
    public int Copies { get; }

    /// <summary>How long to keep them going, if the model itself says.</summary>
    public TimeSpan? During { get; }

    /// <inheritdoc/>
    public override TimeSpan? NaturalDuration => During;

    /// <inheritdoc/>
    public override string ToString() =>
        During is { } during ? $"keepConstant {Copies} during {RateShape.Format(during)}" : $"keepConstant {Copies}";
}
