namespace Harness.Verifier.Bench;

/// <summary>What the verifier child reports to the parent, as one line of JSON.</summary>
internal sealed record VerifyFigures(
    long RecordsRead,
    double Seconds,
    double CpuSeconds,
    long PeakRss,
    long AllocatedBytes,
    long Produced,
    long Delivered,
    long Anomalies,
    bool Complete,
    string Detail);
