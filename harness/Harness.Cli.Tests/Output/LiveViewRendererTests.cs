using Harness.Cli.Output;
using Harness.Engine.Runs;
using Harness.Reports.Model;
using Spectre.Console.Rendering;
using Spectre.Console.Testing;

namespace Harness.Cli.Tests.Output;

public sealed class LiveViewRendererTests
{
    [Test]
    public void Shows_the_phase_and_one_row_per_traffic_class_with_a_total()
    {
        var sample = Sample() with
        {
            Classes =
            [
                new TopicClassProgress("high", 2, 24_000, 23_500, 500),
                new TopicClassProgress("medium", 1, 6_000, 6_000, 0),
                new TopicClassProgress("low", 3, 1_200, 1_150, 50),
            ],
        };

        var screen = Draw(LiveViewRenderer.Render(new LiveViewFrame("load", TimeSpan.FromSeconds(75), sample, [])));

        screen.Should().Contain("phase load").And.Contain("01:15").And.Contain("acknowledged 31,200 / 40,000 (78%)");
        Row(screen, "high").Should().ContainInOrder("2", "24,000", "23,500", "500");
        Row(screen, "medium").Should().ContainInOrder("1", "6,000", "6,000", "0");
        Row(screen, "low").Should().ContainInOrder("3", "1,200", "1,150", "50");
        Row(screen, "total").Should().ContainInOrder("6", "31,200", "30,650", "550");
        screen.Should().Contain("╭").And.Contain("│ class");
    }

    [Test]
    public void Before_the_first_sample_the_table_says_it_waits()
    {
        var screen = Draw(LiveViewRenderer.Render(new LiveViewFrame("start clusters", TimeSpan.Zero, null, [])));

        screen.Should().Contain("phase start clusters").And.Contain("waiting for the first sample").And.NotContain("acknowledged");
    }

    [Test]
    public void A_sample_without_class_rows_shows_its_totals_as_one_row()
    {
        var screen = Draw(LiveViewRenderer.Render(new LiveViewFrame("drain", TimeSpan.Zero, Sample(), [])));

        Row(screen, "all").Should().ContainInOrder("31,200", "30,000", "1,200");
        screen.Should().NotContain("total");
    }

    [Test]
    public void Active_faults_show_their_id_kind_target_and_age()
    {
        var sample = Sample() with
        {
            ActiveFaults = [new FaultRecord("f2", "killBroker", "source broker 1", 20, null, "running"), new FaultRecord("f3", "latency", "target", 28.4, null, "running")],
        };

        var screen = Draw(LiveViewRenderer.Render(new LiveViewFrame("load", TimeSpan.FromSeconds(30), sample, [])));

        screen.Should().Contain("active faults").And.Contain("f2 killBroker source broker 1 for 10s").And.Contain("f3 latency target for 2s");
    }

    [Test]
    public void No_fault_section_without_active_faults() =>
        Draw(LiveViewRenderer.Render(new LiveViewFrame("load", TimeSpan.Zero, Sample(), []))).Should().NotContain("active faults");

    [Test]
    public void Failed_checks_always_show_and_older_passed_ones_give_way()
    {
        List<CheckResult> checks = [.. Enumerable.Range(1, 12).Select(i => Check($"passing {i:00}", passed: true))];
        checks.Insert(1, Check("no records lost", passed: false, measured: "3 lost"));

        var screen = Draw(LiveViewRenderer.Render(new LiveViewFrame("verify", TimeSpan.Zero, Sample(), checks)));

        screen.Should().Contain("checks 13 settled, 1 failed").And.Contain("FAIL no records lost: 3 lost").And.Contain("... 5 earlier passed");
        screen.Should().Contain("PASS passing 12").And.Contain("PASS passing 06").And.NotContain("passing 05");
    }

    [Test]
    public void Lines_are_escaped_timed_and_erase_what_the_display_left_below_them()
    {
        LiveViewLine[] lines = [new(TimeSpan.FromSeconds(4), "load", IsPhase: true), new(TimeSpan.FromSeconds(9), "fault f1 [killBroker]: source", IsPhase: false)];
        var console = new TestConsole().Width(100).EmitAnsiSequences();

        console.Write(LiveViewRenderer.Lines(lines));

        console.Output.Should().StartWith("\u001b[J");
        Draw(LiveViewRenderer.Lines(lines)).Split('\n').Should().ContainInOrder("00:04 > load", "00:09   fault f1 [killBroker]: source");
    }

    private static ProgressSnapshot Sample() => new("load", TimeSpan.FromSeconds(30), 40_000, 31_200, 30_000, 1_200, 0, 0);

    private static CheckResult Check(string name, bool passed, string measured = "0") => new() { Name = name, Passed = passed, Measured = measured };

    private static string Draw(IRenderable renderable)
    {
        var console = new TestConsole().Width(120).SupportsUnicode(true);
        console.Write(renderable);
        return string.Join('\n', console.Lines.Select(l => l.TrimEnd()));
    }

    private static string[] Row(string screen, string name) =>
        screen.Split('\n').Single(l => l.StartsWith($"│ {name} ", StringComparison.Ordinal)).Split('│', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)[1..];
}
