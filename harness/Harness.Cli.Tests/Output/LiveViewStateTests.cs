using Harness.Cli.Output;
using Harness.Engine.Runs;
using Harness.Reports.Model;

namespace Harness.Cli.Tests.Output;

public sealed class LiveViewStateTests
{
    [Test]
    public async Task Events_from_many_threads_are_each_taken_once_in_their_thread_s_order()
    {
        var state = new LiveViewState();
        var taken = new List<LiveViewLine>();

        var writers = Enumerable.Range(0, 4).Select(t => Task.Run(() =>
        {
            for (var i = 0; i < 100; i++)
            {
                state.Event($"{t}:{i:000}");
            }
        })).ToArray();
        while (!writers.All(w => w.IsCompleted))
        {
            taken.AddRange(state.TakeLines());
            await Task.Yield();
        }

        await Task.WhenAll(writers);
        taken.AddRange(state.TakeLines());

        taken.Should().HaveCount(400).And.OnlyContain(l => !l.IsPhase);
        foreach (var thread in Enumerable.Range(0, 4))
        {
            taken.Select(l => l.Text).Where(t => t.StartsWith($"{thread}:", StringComparison.Ordinal)).Should().BeInAscendingOrder(StringComparer.Ordinal);
        }

        state.TakeLines().Should().BeEmpty();
    }

    [Test]
    public void A_phase_is_both_the_frame_s_phase_and_a_line_above_the_view()
    {
        var state = new LiveViewState();

        state.Phase("drain");

        state.Frame().Phase.Should().Be("drain");
        state.TakeLines().Should().ContainSingle().Which.Should().Match<LiveViewLine>(l => l.IsPhase && l.Text == "drain");
    }

    [Test]
    public void Every_report_moves_the_version_so_the_view_knows_to_redraw()
    {
        var state = new LiveViewState();
        var versions = new List<long> { state.Version };

        state.Sample(new ProgressSnapshot("load", TimeSpan.Zero, 0, 1, 0, 1, 0, 0));
        versions.Add(state.Version);
        state.Event("fault f1");
        versions.Add(state.Version);
        state.Check(new CheckResult { Name = "no records lost", Passed = true });
        versions.Add(state.Version);
        state.Phase("verify");
        versions.Add(state.Version);

        versions.Should().BeInAscendingOrder().And.OnlyHaveUniqueItems();
        state.Frame().Sample!.Produced.Should().Be(1);
    }

    [Test]
    public void A_check_reported_again_replaces_its_earlier_verdict_in_place()
    {
        var state = new LiveViewState();

        state.Check(new CheckResult { Name = "a", Passed = true });
        state.Check(new CheckResult { Name = "b", Passed = true });
        state.Check(new CheckResult { Name = "a", Passed = false, Measured = "3 lost" });

        state.Frame().Checks.Select(c => (c.Name, c.Passed)).Should().Equal(("a", false), ("b", true));
    }

    [Test]
    public void Only_the_newest_lines_are_kept_while_nothing_takes_them()
    {
        var state = new LiveViewState();

        for (var i = 0; i < 600; i++)
        {
            state.Event($"{i}");
        }

        var lines = state.TakeLines();
        lines.Should().HaveCount(500);
        lines[0].Text.Should().Be("100");
        lines[^1].Text.Should().Be("599");
    }
}
