namespace Harness.Replicator.Throttling;

/// <summary>
/// A token bucket that caps one task's records per second (<c>harness.throttle.records.per.second.per.task</c>). It
/// exists so that capacity sizing can be checked against a known answer: a task throttled to R records/s has a knee
/// at R, whatever the machine. The bucket holds at most a tenth of a second of records, so a burst after an idle
/// spell cannot lift a measured second far above the cap.
/// </summary>
public sealed class RecordThrottle
{
    private readonly TimeProvider _time;
    private readonly double _perSecond;
    private readonly double _capacity;
    private double _tokens;
    private long _last;

    /// <summary>Creates a throttle that allows <paramref name="perSecond"/> records per second, starting with a full bucket.</summary>
    /// <param name="perSecond">Records per second; above zero.</param>
    /// <param name="time">The clock the rate is measured against.</param>
    public RecordThrottle(double perSecond, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(time);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(perSecond);
        _time = time;
        _perSecond = perSecond;
        // At least one record, or a cap under 10/s could never let one through.
        _capacity = Math.Max(1, perSecond / 10);
        _tokens = _capacity;
        _last = time.GetTimestamp();
    }

    /// <summary>Records per second allowed.</summary>
    public double PerSecond => _perSecond;

    /// <summary>How many of <paramref name="wanted"/> records may go now; nothing is spent until <see cref="Spend"/>.</summary>
    public int Allowance(int wanted)
    {
        Refill();
        return (int)Math.Clamp(Math.Floor(_tokens), 0, Math.Max(0, wanted));
    }

    /// <summary>Spends <paramref name="count"/> records of the allowance (a consumer may return fewer than it was allowed).</summary>
    public void Spend(int count) => _tokens -= count;

    /// <summary>How long until at least one record may go; zero when one may go now.</summary>
    public TimeSpan UntilNext()
    {
        Refill();
        return _tokens >= 1 ? TimeSpan.Zero : TimeSpan.FromSeconds((1 - _tokens) / _perSecond);
    }

    private void Refill()
    {
        var now = _time.GetTimestamp();
        _tokens = Math.Min(_capacity, _tokens + (_time.GetElapsedTime(_last, now).TotalSeconds * _perSecond));
        _last = now;
    }
}
