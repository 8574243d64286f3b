using Harness.Reports.Compare;
using Harness.Reports.Json;

namespace Harness.Reports.Tests.Compare;

public sealed class RunFolderTests
{
    private DirectoryInfo _root = null!;

    [SetUp]
    public void CreateRoot() => _root = Directory.CreateTempSubdirectory("reports-runfolder-");

    [TearDown]
    public void DeleteRoot() => _root.Delete(recursive: true);

    [Test]
    public void Reads_a_run_folder_written_by_the_writers_and_finds_its_report()
    {
        var folder = Path.Combine(_root.FullName, "20250301-100000-smoke");
        ReportWriters.WriteAll(ComparisonRuns.Baseline(), folder);

        var run = RunFolder.Load(folder);

        run.Label.Should().Be("20250301-100000-smoke");
        run.Result.RunId.Should().Be("run-20250301-0001");
        run.ResultsPath.Should().Be(Path.Combine(folder, "results.json"));
        run.ReportPath.Should().Be(Path.Combine(folder, "report.html"));
    }

    [Test]
    public void Reads_a_results_file_directly_and_keeps_labels_unique()
    {
        var a = Path.Combine(_root.FullName, "x", "nightly");
        var b = Path.Combine(_root.FullName, "y", "nightly");
        Write(a);
        Write(b);

        var runs = RunFolder.LoadAll([a, Path.Combine(b, "results.json")]);

        runs.Select(r => r.Label).Should().Equal("nightly", "nightly#2");
        runs[1].ReportPath.Should().BeNull("only results.json was written there");
    }

    [Test]
    public void A_missing_folder_is_named_with_the_fix()
    {
        var missing = Path.Combine(_root.FullName, "no-such-run");

        var load = () => RunFolder.Load(missing);

        load.Should().Throw<ReportFormatException>().Which.Message.Should()
            .StartWith($"{missing}: no such run folder;").And.Contain("harness run").And.NotContain("\n");
    }

    [Test]
    public void A_folder_without_results_is_named_with_the_fix()
    {
        var load = () => RunFolder.Load(_root.FullName);

        load.Should().Throw<ReportFormatException>().Which.Message.Should()
            .StartWith($"{Path.Combine(_root.FullName, "results.json")}: not found;").And.NotContain("\n");
    }

    [TestCase("{ \"schemaVersion\": \"1.0\", ", "Not a valid results file")]
    [TestCase("{ \"schemaVersion\": \"2.0\" }", "Unsupported schemaVersion '2.0'")]
    [TestCase("{ \"schemaVersion\": \"1.0\", \"runId\": 5 }", "Not a valid results file")]
    public void An_unreadable_results_file_is_named_with_the_fix(string json, string problem)
    {
        var file = Path.Combine(_root.FullName, "results.json");
        File.WriteAllText(file, json);

        var load = () => RunFolder.Load(_root.FullName);

        load.Should().Throw<ReportFormatException>().Which.Message.Should()
            .StartWith($"{file}: {problem}").And.Contain("re-run the scenario").And.NotContain("\n");
    }

    private static void Write(string folder)
    {
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "results.json"), JsonReportWriter.ToJson(ComparisonRuns.Baseline()));
    }
}
