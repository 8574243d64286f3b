using System.Diagnostics;
using System.Text.RegularExpressions;
using Harness.Cli.Output;
using Harness.Engine.Runs;
using Harness.Reports.Model;
using Spectre.Console.Testing;

namespace Harness.Cli.Tests.Output;

public sealed partial class LiveViewTests
{
    [Test]
    public async Task Stopping_prints_what_is_still_pending_and_leaves_the_last_frame_on_screen()
    {
        var console = new TestConsole().Width(120).SupportsUnicode(true).Interactive();
        var state = new LiveViewState();
        var view = LiveView.Start(console, state, TimeSpan.FromMilliseconds(100));

        state.Phase("load");
        state.Event("fault f1 killBroker: source broker 1");
        state.Sample(new ProgressSnapshot("load", TimeSpan.FromSeconds(3), 1_000, 400, 300, 100, 1, 0)
        {
            Classes = [new TopicClassProgress("high", 1, 400, 300, 100)],
        });
        state.Check(new CheckResult { Name = "no records lost", Passed = true, Measured = "0" });
        await view.DisposeAsync();

        var output = console.Output;
        output.Should().Contain("> load").And.Contain("fault f1 killBroker: source broker 1");
        var lastFrame = output[output.LastIndexOf("phase load", StringComparison.Ordinal)..];
        lastFrame.Should().Contain("│ high").And.Contain("PASS no records lost: 0");
    }

    [Test]
    public async Task A_flood_of_reports_is_drawn_at_most_once_per_interval()
    {
        var console = new TestConsole().Width(120).Interactive().EmitAnsiSequences();
        var state = new LiveViewState();
        var every = TimeSpan.FromMilliseconds(100);
        var clock = Stopwatch.StartNew();
        var view = LiveView.Start(console, state, every);

        var reports = 0;
        while (clock.Elapsed < TimeSpan.FromSeconds(1))
        {
            state.Sample(new ProgressSnapshot("load", clock.Elapsed, 0, ++reports, 0, 0, 0, 0));
        }

        await view.DisposeAsync();
        var elapsed = clock.Elapsed;

        // Every frame after the first starts by moving the cursor back up over the previous one.
        var frames = CursorUp().Count(console.Output) + 1;
        reports.Should().BeGreaterThan(1_000, "the reports must outnumber the frames for this to mean anything");
        frames.Should().BeGreaterThan(1).And.BeLessThanOrEqualTo((int)(elapsed / every) + 3, "one frame per tick, plus the first and the last");
    }

    [GeneratedRegex("\u001b\\[\\d+A", RegexOptions.None, 1000)]
    private static partial Regex CursorUp();
}
