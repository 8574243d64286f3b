namespace Harness.Verifier.Bench;

/// <summary>
/// One timed read of the topic: records in a wall time (the reader's own clock for the verifier, process start to
/// exit for kcat), the reader's CPU and peak RSS, the broker's CPU meanwhile, and the verdict.
/// </summary>
internal sealed record Measurement(string Reader, long Records, TimeSpan Elapsed, TimeSpan ProcessElapsed, TimeSpan ReaderCpu, TimeSpan BrokerCpu, long PeakRss, string Verdict)
{
    public double RecordsPerSecond => Records / Elapsed.TotalSeconds;
}
