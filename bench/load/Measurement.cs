namespace Harness.Load.Bench;

/// <summary>One timed run: records acknowledged in a wall time, and the CPU the broker and the client used meanwhile.</summary>
internal sealed record Measurement(int Run, string Tool, long Records, TimeSpan Elapsed, TimeSpan BrokerCpu, TimeSpan ClientCpu)
{
    public double RecordsPerSecond => Records / Elapsed.TotalSeconds;
}
