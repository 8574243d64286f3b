namespace Harness.Engine.Load.Model;

/// <summary>
/// A recorded per-second series played back: second <c>i</c> runs at <c>perSecond[i]</c>. Its natural
/// duration is the series' length; if a record count keeps the load going longer, the series repeats,
/// as a recorded day would.
/// </summary>
public sealed class ReplayRate : RateShape
{
    private readonly double[] _perSecond;
    private readonly double[] _prefix;

    /// <summary>Creates a replay.</summary>
    /// <param name="perSecond">Records per second for each second; at least one value, one of them positive.</param>
    public ReplayRate(IEnumerable<double> perSecond)
    {
        ArgumentNullException.ThrowIfNull(perSecond);
        _perSecond = [.. perSecond];
        if (_perSecond.Length == 0)
        {
            throw new ArgumentException("A replay needs at least one second of data.", nameof(perSecond));
        }

        _prefix = new double[_perSecond.Length + 1];
        for (var i = 0; i < _perSecond.Length; i++)
        {
            _prefix[i + 1] = _prefix[i] + CheckRate(_perSecond[i], nameof(perSecond));
        }

        if (_prefix[^1] <= 0)
        {
            throw new ArgumentException("A replay needs at least one second with a positive rate.", nameof(perSecond));
        }
    }

    /// <summary>The recorded records per second.</summary>
    public IReadOnlyList<double> PerSecond => _perSecond;

    /// <inheritdoc/>
    public override TimeSpan? NaturalDuration => TimeSpan.FromSeconds(_perSecond.Length);

    /// <inheritdoc/>
    public override double RateAt(TimeSpan elapsed) =>
        _perSecond[(int)((long)Math.Floor(Seconds(elapsed)) % _perSecond.Length)];

    /// <inheritdoc/>
    public override double CumulativeAt(TimeSpan elapsed)
    {
        var t = Seconds(elapsed);
        var whole = (long)Math.Floor(t);
        var cycles = whole / _perSecond.Length;
        var second = (int)(whole % _perSecond.Length);
        return (cycles * _prefix[^1]) + _prefix[second] + (_perSecond[second] * (t - whole));
    }

    /// <inheritdoc/>
    public override string ToString() => $"replay of {_perSecond.Length}s, {Format(_prefix[^1])} records per cycle";
}
