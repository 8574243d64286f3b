using System.Globalization;
using System.Text;
using Harness.Reports.Model;

namespace Harness.Reports.Csv;

/// <summary>
/// Writes metrics.csv: the run's time series, one row per sample, a header row with the JSON member names,
/// invariant-culture numbers, LF line endings. A value the sample does not have is an empty cell.
/// </summary>
public sealed class CsvReportWriter : IReportWriter
{
    /// <summary>The header row, in column order.</summary>
    public static IReadOnlyList<string> Columns { get; } =
    [
        "offsetSeconds", "produceRate", "replicateRate", "lagRecords", "lagMs", "latencyP50Ms", "latencyP99Ms",
        "replicatorRssMiB", "gcHeapMiB", "sourceBrokersUp", "targetBrokersUp", "replicatorLatencyMaxMs", "checkpointLatencyMaxMs",
        "harnessRssMiB", "harnessGcHeapMiB", "sourceMemoryMiB", "targetMemoryMiB", "replicatorProcessRssMiB",
    ];

    /// <inheritdoc />
    public string FileName => "metrics.csv";

    /// <inheritdoc />
    public void Write(RunResult result, Stream output)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(output);

        using var writer = new StreamWriter(output, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), leaveOpen: true);
        writer.NewLine = "\n";
        writer.WriteLine(string.Join(',', Columns));
        foreach (var sample in result.TimeSeries.Samples)
        {
            writer.WriteLine(string.Join(',',
                Number(sample.OffsetSeconds),
                Number(sample.ProduceRate),
                Number(sample.ReplicateRate),
                sample.LagRecords.ToString(CultureInfo.InvariantCulture),
                Number(sample.LagMs),
                Number(sample.LatencyP50Ms),
                Number(sample.LatencyP99Ms),
                Number(sample.ReplicatorRssMiB),
                Number(sample.GcHeapMiB),
                sample.SourceBrokersUp.ToString(CultureInfo.InvariantCulture),
                sample.TargetBrokersUp.ToString(CultureInfo.InvariantCulture),
                Number(sample.ReplicatorLatencyMaxMs),
                Number(sample.CheckpointLatencyMaxMs),
                Number(sample.HarnessRssMiB),
                Number(sample.HarnessGcHeapMiB),
                Number(sample.SourceMemoryMiB),
                Number(sample.TargetMemoryMiB),
                Number(sample.ReplicatorProcessRssMiB)));
        }
    }

    // Spreadsheets and pandas read an empty cell as missing; "NaN" would be read as text by some of them.
    private static string Number(double? value) =>
        value is { } v && double.IsFinite(v) ? v.ToString("R", CultureInfo.InvariantCulture) : "";
}
