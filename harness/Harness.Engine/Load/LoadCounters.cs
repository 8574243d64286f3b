namespace Harness.Engine.Load;

/// <summary>Live counters of the load phase, read by the progress display and the time series.</summary>
public sealed class LoadCounters
{
    private long _sent;
    private long _acknowledged;
    private long _failed;
    private long _due;

    /// <summary>Records handed to producers.</summary>
    public long Sent => Interlocked.Read(ref _sent);

    /// <summary>Records the source acknowledged.</summary>
    public long Acknowledged => Interlocked.Read(ref _acknowledged);

    /// <summary>Records the producers gave up on.</summary>
    public long Failed => Interlocked.Read(ref _failed);

    /// <summary>Records the schedule wanted sent by now (sent &lt; due is backlog).</summary>
    public long Due => Interlocked.Read(ref _due);

    internal void AddSent() => Interlocked.Increment(ref _sent);

    internal void AddAcknowledged() => Interlocked.Increment(ref _acknowledged);

    internal void AddFailed() => Interlocked.Increment(ref _failed);

    internal void AddDue(long count) => Interlocked.Add(ref _due, count);
}
