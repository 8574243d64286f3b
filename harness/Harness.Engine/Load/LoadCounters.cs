namespace Harness.Engine.Load;

/// <summary>
/// Live counters of the load phase, read by the progress display, the time series and the chaos schedule: totals,
/// the backlog an open model builds when the cluster cannot keep up, and per-second series of what was actually
/// sent and acknowledged.
/// </summary>
public sealed class LoadCounters
{
    private readonly LoadCounters? _total;
    private readonly PerSecondSeries _sentPerSecond = new();
    private readonly PerSecondSeries _acknowledgedPerSecond = new();
    private long _sent;
    private long _acknowledged;
    private long _failed;
    private long _due;

    /// <summary>Creates counters that stand alone.</summary>
    public LoadCounters()
    {
    }

    /// <summary>Creates one topic's counters; everything they count also goes to <paramref name="total"/>.</summary>
    internal LoadCounters(LoadCounters total) => _total = total;

    /// <summary>Records handed to producers.</summary>
    public long Sent => Interlocked.Read(ref _sent);

    /// <summary>Records the source acknowledged.</summary>
    public long Acknowledged => Interlocked.Read(ref _acknowledged);

    /// <summary>Records the producers gave up on.</summary>
    public long Failed => Interlocked.Read(ref _failed);

    /// <summary>Records the schedule wanted sent by now (for a closed model, what it sent).</summary>
    public long Due => Interlocked.Read(ref _due);

    /// <summary>Records due but not yet sent: an open model falling behind its schedule.</summary>
    public long Backlog => Math.Max(0, Due - Sent);

    /// <summary>Records sent but neither acknowledged nor failed yet.</summary>
    public long InFlight => Math.Max(0, Sent - Acknowledged - Failed);

    /// <summary>Records sent in each whole second since the load started: the achieved rate, second by second.</summary>
    public IReadOnlyList<long> SentPerSecond => _sentPerSecond.Snapshot();

    /// <summary>Records acknowledged in each whole second since the load started.</summary>
    public IReadOnlyList<long> AcknowledgedPerSecond => _acknowledgedPerSecond.Snapshot();

    /// <summary>The achieved rate in records per second: what was sent in the last whole second, or 0 before one has passed.</summary>
    /// <param name="elapsed">Time since the load started.</param>
    public long AchievedRate(TimeSpan elapsed) => _sentPerSecond.At((int)Math.Floor(elapsed.TotalSeconds) - 1);

    internal void AddSent(long count, TimeSpan elapsed)
    {
        Interlocked.Add(ref _sent, count);
        _sentPerSecond.Add(elapsed, count);
        _total?.AddSent(count, elapsed);
    }

    internal void AddAcknowledged(long count, TimeSpan elapsed)
    {
        Interlocked.Add(ref _acknowledged, count);
        _acknowledgedPerSecond.Add(elapsed, count);
        _total?.AddAcknowledged(count, elapsed);
    }

    internal void AddFailed(long count)
    {
        Interlocked.Add(ref _failed, count);
        _total?.AddFailed(count);
    }

    internal void AddDue(long count)
    {
        Interlocked.Add(ref _due, count);
        _total?.AddDue(count);
    }
}
