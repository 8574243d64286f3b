using Harness.Reports.Csv;
using Harness.Reports.Json;

namespace Harness.Reports.Tests;

public sealed class ReportWritersTests
{
    [Test]
    public void Writes_every_report_into_a_new_directory()
    {
        var root = Directory.CreateTempSubdirectory("reports-all-");
        try
        {
            var directory = Path.Combine(root.FullName, "run-1");

            var written = ReportWriters.WriteAll(SampleRuns.Failing(), directory);

            written.Select(Path.GetFileName).Should().Equal("report.html", "results.json", "junit.xml", "metrics.csv");
            Directory.GetFiles(directory).Select(Path.GetFileName)
                .Should().BeEquivalentTo("report.html", "results.json", "junit.xml", "metrics.csv");
            new JsonReportReader().ReadFile(Path.Combine(directory, "results.json")).RunId.Should().Be("run-20250301-0001");
        }
        finally
        {
            root.Delete(recursive: true);
        }
    }

    [Test]
    public void Replaces_existing_reports()
    {
        var root = Directory.CreateTempSubdirectory("reports-replace-");
        try
        {
            var path = Path.Combine(root.FullName, "metrics.csv");
            File.WriteAllText(path, new string('x', 100_000));

            ReportWriters.WriteAll(SampleRuns.Bare(), root.FullName, [new CsvReportWriter()]);

            File.ReadAllText(path).Should().StartWith("offsetSeconds,").And.HaveLength(CsvHeaderLength());
            Directory.GetFiles(root.FullName).Should().ContainSingle();
        }
        finally
        {
            root.Delete(recursive: true);
        }
    }

    private static int CsvHeaderLength() => string.Join(',', CsvReportWriter.Columns).Length + 1;
}
