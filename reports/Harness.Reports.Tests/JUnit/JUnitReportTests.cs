using System.Xml.Linq;
using Harness.Reports.JUnit;
using Harness.Reports.Model;

namespace Harness.Reports.Tests.JUnit;

public sealed class JUnitReportTests
{
    private readonly JUnitReportWriter _writer = new();

    [Test]
    public void Has_one_testcase_per_check_in_order()
    {
        var run = SampleRuns.Failing();

        var suite = Suite(run);

        suite.Elements("testcase").Select(t => (string?)t.Attribute("name"))
            .Should().Equal(run.Checks.Select(c => c.Name));
    }

    [Test]
    public void Failures_match_the_failed_checks()
    {
        var run = SampleRuns.Failing();

        var suite = Suite(run);

        var failed = suite.Elements("testcase").Where(t => t.Element("failure") is not null).ToList();
        failed.Select(t => (string?)t.Attribute("name")).Should().Equal("no-duplicates", "offset-translation-never-ahead");
        failed[0].Element("failure")!.Attribute("message")!.Value.Should().Be("3 records were replicated twice after f2");
        failed[0].Element("failure")!.Value.Should().Contain("measured: 3 duplicated").And.Contain("expected: 0 duplicated");
        failed[1].Element("failure")!.Attribute("message")!.Value.Should().Be("measured 1 ahead, expected 0 ahead");
    }

    [Test]
    public void Counts_and_time_are_on_suite_and_root()
    {
        var document = XDocument.Parse(_writer.ToText(SampleRuns.Failing()));

        foreach (var element in new[] { document.Root!, document.Root!.Element("testsuite")! })
        {
            ((int)element.Attribute("tests")!).Should().Be(4);
            ((int)element.Attribute("failures")!).Should().Be(2);
            ((int)element.Attribute("errors")!).Should().Be(0);
            element.Attribute("time")!.Value.Should().Be("125.25");
        }

        var suite = document.Root!.Element("testsuite")!;
        suite.Attribute("name")!.Value.Should().Be("smoke-faults");
        suite.Attribute("timestamp")!.Value.Should().Be("2025-03-01T10:00:00");
        suite.Attribute("hostname")!.Value.Should().Be("ci-runner-7");
        suite.Element("properties")!.Elements("property")
            .Should().Contain(p => (string?)p.Attribute("name") == "runId" && (string?)p.Attribute("value") == "run-20250301-0001");
    }

    [Test]
    public void Validates_against_the_junit_schema()
    {
        foreach (var run in new[] { SampleRuns.Failing(), SampleRuns.Bare(), SampleRuns.Partial(), SampleRuns.Bare(Verdict.Error) })
        {
            JUnitSchema.Validate(_writer.ToText(run)).Should().BeEmpty(because: $"the {run.Verdict} run must be valid");
        }
    }

    [Test]
    public void The_schema_rejects_what_ci_systems_reject()
    {
        const string NoName = "<testsuites><testsuite name=\"s\" tests=\"1\"><testcase classname=\"c\" /></testsuite></testsuites>";
        const string BadTime = "<testsuites><testsuite name=\"s\" tests=\"1\" time=\"soon\" /></testsuites>";
        const string Misplaced = "<testsuites><testsuite name=\"s\" tests=\"1\"><failure /></testsuite></testsuites>";

        JUnitSchema.Validate(NoName).Should().NotBeEmpty();
        JUnitSchema.Validate(BadTime).Should().NotBeEmpty();
        JUnitSchema.Validate(Misplaced).Should().NotBeEmpty();
    }

    [Test]
    public void An_interrupted_run_gets_an_error_test_case()
    {
        var document = XDocument.Parse(_writer.ToText(SampleRuns.Partial()));
        var suite = document.Root!.Element("testsuite")!;

        ((int)suite.Attribute("tests")!).Should().Be(5);
        ((int)suite.Attribute("errors")!).Should().Be(1);
        var run = suite.Elements("testcase").Last();
        run.Attribute("name")!.Value.Should().Be(JUnitReportWriter.RunTestCaseName);
        run.Element("error")!.Attribute("message")!.Value.Should().Be("interrupted by Ctrl-C during drain");
        suite.Element("system-out")!.Value.Should().Contain("partial: interrupted by Ctrl-C during drain");
    }

    [Test]
    public void An_errored_run_without_checks_is_not_green()
    {
        var run = SampleRuns.Bare(Verdict.Error) with { ErrorMessage = "target cluster unreachable" };

        var suite = Suite(run);

        suite.Elements("testcase").Should().ContainSingle()
            .Which.Element("error")!.Attribute("message")!.Value.Should().Be("target cluster unreachable");
    }

    [Test]
    public void Text_that_xml_cannot_carry_is_replaced_and_markup_is_escaped()
    {
        var run = SampleRuns.Bare() with
        {
            Verdict = Verdict.Failed,
            Checks = [new CheckResult { Name = "content <exact> & \"quoted\"", Passed = false, Message = "bad byte \u0001 here" }],
        };

        var xml = _writer.ToText(run);
        var testCase = XDocument.Parse(xml).Root!.Element("testsuite")!.Element("testcase")!;

        testCase.Attribute("name")!.Value.Should().Be("content <exact> & \"quoted\"");
        testCase.Element("failure")!.Attribute("message")!.Value.Should().Be("bad byte \uFFFD here");
        JUnitSchema.Validate(xml).Should().BeEmpty();
    }

    private XElement Suite(RunResult run) => XDocument.Parse(_writer.ToText(run)).Root!.Element("testsuite")!;
}
