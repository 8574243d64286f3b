using System.Globalization;
using Harness.Reports.Csv;
using Harness.Reports.Model;

namespace Harness.Reports.Tests.Csv;

public sealed class CsvReportTests
{
    private readonly CsvReportWriter _writer = new();

    [Test]
    public void Header_names_every_column()
    {
        var lines = Lines(SampleRuns.Bare());

        lines.Should().ContainSingle().Which.Should().Be(
            "offsetSeconds,produceRate,replicateRate,lagRecords,lagMs,latencyP50Ms,latencyP99Ms,replicatorRssMiB,gcHeapMiB,sourceBrokersUp,targetBrokersUp,replicatorLatencyMaxMs,checkpointLatencyMaxMs,harnessRssMiB,harnessGcHeapMiB,sourceMemoryMiB,targetMemoryMiB,replicatorProcessRssMiB");
    }

    [Test]
    public void Has_one_row_per_sample_with_every_value()
    {
        var run = SampleRuns.Failing();

        var lines = Lines(run);

        lines.Should().HaveCount(run.TimeSeries.Samples.Count + 1);
        lines[1].Should().Be("0,1000,1000.5,20,15.5,12.5,95,180.25,64,3,3,,,,,,,");
        lines[31].Should().Be("30,1000,400,280,1000,12.5,900,180.25,64,2,3,,,,,,,");
        lines.Skip(1).Should().AllSatisfy(l => l.Split(',').Should().HaveCount(CsvReportWriter.Columns.Count));
    }

    [Test]
    public void Missing_and_non_finite_values_are_empty_cells()
    {
        var run = SampleRuns.Failing();

        var lines = Lines(run);

        lines[81].Should().Be("80,1000,1000.5,20,15.5,12.5,95,,,3,3,,,,,,,");
        Lines(SampleRuns.Bare() with
        {
            TimeSeries = new TimeSeries { Samples = [new MetricSample { OffsetSeconds = 1.5, ProduceRate = double.PositiveInfinity }] },
        })[1].Should().Be("1.5,,0,0,,,,,,0,0,,,,,,,");
    }

    [Test]
    public void Numbers_ignore_the_current_culture()
    {
        var commaCulture = (CultureInfo)CultureInfo.InvariantCulture.Clone();
        commaCulture.NumberFormat.NumberDecimalSeparator = ",";
        commaCulture.NumberFormat.NumberGroupSeparator = ".";
        var previous = CultureInfo.CurrentCulture;
        CultureInfo.CurrentCulture = commaCulture;
        try
        {
            Lines(SampleRuns.Failing())[1].Should().Be("0,1000,1000.5,20,15.5,12.5,95,180.25,64,3,3,,,,,,,");
        }
        finally
        {
            CultureInfo.CurrentCulture = previous;
        }
    }

    private List<string> Lines(RunResult run)
    {
        var text = _writer.ToText(run);
        text.Should().EndWith("\n").And.NotContain("\r");
        return [.. text.TrimEnd('\n').Split('\n')];
    }
}
