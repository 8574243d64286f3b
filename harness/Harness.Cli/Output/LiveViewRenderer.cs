using System.Globalization;
using Harness.Engine.Runs;
using Harness.Reports.Model;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace Harness.Cli.Output;

/// <summary>Turns a frame of the live view into Spectre widgets: a heading, a table per traffic class, faults and checks.</summary>
internal static class LiveViewRenderer
{
    // Enough to read at a glance on a laptop screen; failed checks are always shown, passed ones give way.
    private const int MaxChecks = 8;

    public static IRenderable Render(LiveViewFrame frame)
    {
        var parts = new List<IRenderable> { Heading(frame), Classes(frame.Sample) };
        if (frame.Sample is { ActiveFaults.Count: > 0 } sample)
        {
            parts.Add(Faults(sample));
        }

        if (frame.Checks.Count > 0)
        {
            parts.Add(Checks(frame.Checks));
        }

        return new Rows(parts);
    }

    /// <summary>
    /// Phase changes and events, printed above the live region so the run's story stays in the scrollback. They are
    /// one widget ending in a line break: each write redraws the region below it, and must leave it on a line of its own.
    /// </summary>
    public static IRenderable Lines(IEnumerable<LiveViewLine> lines) =>
        new ClearedBelow(new Markup(string.Concat(lines.Select(line => line.IsPhase
            ? $"[grey]{Clock(line.At)}[/] [bold]> {Markup.Escape(line.Text)}[/]\n"
            : $"[grey]{Clock(line.At)}[/]   {Markup.Escape(line.Text)}\n"))));

    private static Markup Heading(LiveViewFrame frame)
    {
        var text = $"[bold]phase[/] [aqua]{Markup.Escape(frame.Phase)}[/]  [grey]{Clock(frame.Elapsed)}[/]";
        if (frame.Sample is { } s)
        {
            var share = s.Planned > 0 ? $" / {N(s.Planned)} ({100.0 * s.Produced / s.Planned:0}%)" : "";
            text += $"  acknowledged {N(s.Produced)}{share}  faults {s.FaultsActive} active, {s.FaultsDone} done";
        }

        return new Markup(text);
    }

    private static Table Classes(ProgressSnapshot? sample)
    {
        var table = new Table().Border(TableBorder.Rounded)
            .AddColumn("class")
            .AddColumn(new TableColumn("topics").RightAligned())
            .AddColumn(new TableColumn("produced").RightAligned())
            .AddColumn(new TableColumn("replicated").RightAligned())
            .AddColumn(new TableColumn("lag").RightAligned());
        if (sample is null)
        {
            table.AddRow("[grey]waiting for the first sample[/]", "", "", "", "");
            return table;
        }

        // A snapshot without class rows (not taken by the run's sampler) still shows its totals as one row.
        var classes = sample.Classes.Count > 0 ? sample.Classes : [new TopicClassProgress("all", 0, sample.Produced, sample.Replicated, sample.Lag)];
        foreach (var row in classes)
        {
            table.AddRow(Markup.Escape(row.Class), row.Topics > 0 ? N(row.Topics) : "", N(row.Produced), N(row.Replicated), Lag(row.Lag));
        }

        if (classes.Count > 1)
        {
            table.AddRow("[bold]total[/]", N(classes.Sum(c => c.Topics)), N(classes.Sum(c => c.Produced)), N(classes.Sum(c => c.Replicated)), Lag(classes.Sum(c => c.Lag)));
        }

        return table;
    }

    private static Rows Faults(ProgressSnapshot sample) =>
        new([new Markup("[bold]active faults[/]"), .. sample.ActiveFaults.Select(f => Fault(f, sample.Elapsed))]);

    private static Markup Fault(FaultRecord fault, TimeSpan now)
    {
        var since = fault.StartSeconds is { } start ? $" [grey]for {Math.Max(0, now.TotalSeconds - start):0}s[/]" : "";
        return new Markup($"  [red]{Markup.Escape(fault.Id)} {Markup.Escape(fault.Kind)}[/] {Markup.Escape(fault.Target)}{since}");
    }

    private static Rows Checks(IReadOnlyList<CheckResult> checks)
    {
        var failed = checks.Count(c => !c.Passed);
        var passedShown = Math.Max(0, MaxChecks - failed);
        var passed = checks.Where(c => c.Passed).ToList();
        var recentPassed = passed.Skip(Math.Max(0, passed.Count - passedShown)).ToHashSet();
        var shown = checks.Where(c => !c.Passed || recentPassed.Contains(c)).ToList();
        var lines = new List<IRenderable>
        {
            new Markup($"[bold]checks[/] {checks.Count} settled, {(failed > 0 ? $"[red]{failed} failed[/]" : "none failed")}"),
        };
        if (shown.Count < checks.Count)
        {
            lines.Add(new Markup($"  [grey]... {checks.Count - shown.Count} earlier passed[/]"));
        }

        lines.AddRange(shown.Select(c => new Markup(
            $"  {(c.Passed ? "[green]PASS[/]" : "[red]FAIL[/]")} {Markup.Escape(c.Name)}: {Markup.Escape(c.Measured)}")));
        return new Rows(lines);
    }

    private static string Lag(long lag) => lag == 0 ? "[green]0[/]" : $"[yellow]{N(lag)}[/]";

    private static string Clock(TimeSpan at) =>
        at.TotalHours >= 1 ? at.ToString(@"h\:mm\:ss", CultureInfo.InvariantCulture) : at.ToString(@"mm\:ss", CultureInfo.InvariantCulture);

    private static string N(long value) => value.ToString("N0", CultureInfo.InvariantCulture);
}
