namespace Harness.Cli.Tests.Report;

/// <summary>`harness report compare` run as a process, as nightly CI runs it, over run folders written by the report writers.</summary>
[Category("Integration")]
public sealed class ReportCompareCommandTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(1);
    private DirectoryInfo _root = null!;

    [SetUp]
    public void CreateRoot() => _root = Directory.CreateTempSubdirectory("harness-report-compare-");

    [TearDown]
    public void DeleteRoot() => _root.Delete(recursive: true);

    [Test]
    public async Task Compare_flags_an_injected_regression_by_name_and_exits_1()
    {
        var baseline = SyntheticRuns.Write(_root, "20250301-020000-smoke", SyntheticRuns.Baseline());
        var regressed = SyntheticRuns.Write(_root, "20250302-020000-smoke", SyntheticRuns.SlowerP99());

        var (exitCode, stdout, stderr) = await HarnessProcess.RunAsync(Timeout, _root.FullName, "report", "compare", baseline, regressed);

        exitCode.Should().Be(1, stdout + stderr);
        stderr.Should().BeEmpty();
        stdout.Should().Contain("REGRESSION 20250302-020000-smoke: latency p99 40 -> 100 ms (+150.0%, higher is worse)");
        stdout.Split('\n').Count(l => l.StartsWith("REGRESSION ", StringComparison.Ordinal)).Should().Be(1, "only p99 latency changed");
        stdout.Should().MatchRegex(@"latency p99 \(ms\)\s+40\s+100\s+\+150\.0% REGRESSION");
        stdout.Should().Contain("1 regression beyond the 10% threshold");
        var page = Path.Combine(_root.FullName, "compare.html");
        stdout.Should().Contain($"compare: {page}");
        var html = await File.ReadAllTextAsync(page);
        html.Should().Contain("REGRESSED").And.Contain("+150.0% REGRESSION").And.Contain("20250302-020000-smoke/report.html");
    }

    [Test]
    public async Task Compare_of_equal_runs_exits_0_and_writes_the_page_where_asked()
    {
        var first = SyntheticRuns.Write(_root, "night-1", SyntheticRuns.Baseline());
        var second = SyntheticRuns.Write(_root, "night-2", SyntheticRuns.Baseline());
        var page = Path.Combine(_root.FullName, "out", "nightly.html");

        var (exitCode, stdout, stderr) = await HarnessProcess.RunAsync(
            Timeout, _root.FullName, "report", "compare", first, Path.Combine(second, "results.json"), "-o", page, "--threshold", "0%");

        exitCode.Should().Be(0, stdout + stderr);
        stderr.Should().BeEmpty();
        stdout.Should().NotContain("REGRESSION").And.Contain("no regressions beyond the 0% threshold");
        stdout.Should().MatchRegex(@"throughput \(records/s\)\s+2,000\s+2,000\s+\+0\.0%");
        File.ReadAllText(page).Should().Contain("NO REGRESSIONS");
    }

    [TestCase("140%", 1)]
    [TestCase("160%", 0)]
    public async Task Compare_flags_only_changes_beyond_the_threshold(string threshold, int expectedExit)
    {
        var baseline = SyntheticRuns.Write(_root, "a", SyntheticRuns.Baseline());
        var regressed = SyntheticRuns.Write(_root, "b", SyntheticRuns.SlowerP99());

        var (exitCode, stdout, stderr) = await HarnessProcess.RunAsync(
            Timeout, _root.FullName, "report", "compare", baseline, regressed, "--threshold", threshold);

        exitCode.Should().Be(expectedExit, stdout + stderr);
    }

    [Test]
    public async Task Compare_of_a_missing_folder_exits_2_with_one_line_naming_it()
    {
        var baseline = SyntheticRuns.Write(_root, "a", SyntheticRuns.Baseline());
        var missing = Path.Combine(_root.FullName, "runs", "no-such-run");

        var (exitCode, stdout, stderr) = await HarnessProcess.RunAsync(Timeout, _root.FullName, "report", "compare", baseline, missing);

        exitCode.Should().Be(2);
        stdout.Should().BeEmpty();
        var line = stderr.Trim().Split('\n').Should().ContainSingle().Which;
        line.Should().StartWith($"harness: {missing}: no such run folder;").And.Contain("harness run");
        stderr.Should().NotContain("   at ", "expected errors never print a stack trace");
        File.Exists(Path.Combine(_root.FullName, "compare.html")).Should().BeFalse();
    }

    [Test]
    public async Task Compare_of_a_damaged_results_file_exits_2_naming_the_file()
    {
        var baseline = SyntheticRuns.Write(_root, "a", SyntheticRuns.Baseline());
        var damaged = SyntheticRuns.Write(_root, "b", SyntheticRuns.Baseline());
        var results = Path.Combine(damaged, "results.json");
        await File.WriteAllTextAsync(results, (await File.ReadAllTextAsync(results))[..200]);

        var (exitCode, _, stderr) = await HarnessProcess.RunAsync(Timeout, _root.FullName, "report", "compare", baseline, damaged);

        exitCode.Should().Be(2);
        stderr.Trim().Split('\n').Should().ContainSingle().Which.Should()
            .StartWith($"harness: {results}: Not a valid results file").And.Contain("re-run the scenario");
        stderr.Should().NotContain("   at ");
    }

    [TestCase("report", "compare", "only-one")]
    [TestCase("report", "compare", "a", "b", "--bogus")]
    [TestCase("report", "compare", "a", "b", "--threshold", "fast")]
    [TestCase("report", "compare", "a", "b", "--threshold")]
    [TestCase("report")]
    [TestCase("report", "diff", "a", "b")]
    public async Task A_bad_command_line_exits_2_not_1_which_means_regressed(params string[] arguments)
    {
        var (exitCode, stdout, stderr) = await HarnessProcess.RunAsync(Timeout, _root.FullName, arguments);

        exitCode.Should().Be(2, stdout + stderr);
        stderr.Trim().Split('\n').Should().ContainSingle().Which.Should().StartWith("harness: ");
    }
}
