using System.CommandLine;
using System.Globalization;
using Harness.Cli.Output;
using Harness.Engine;
using Harness.Engine.Runs;
using Harness.Engine.Scenarios;
using Harness.Engine.Sizing;

namespace Harness.Cli.Commands;

/// <summary>
/// `harness size SCENARIO [--slo p99=2s] [--headroom 2] [--tasks 1,4] [--throttle N] [--instances FILE] [-o DIR]`: the
/// capacity curve, its knee and the sizing model, written as sizing.html and sizing.json. Exit 0 when every curve found
/// a knee, 1 when one did not, 2 on bad input, 3 when the environment failed.
/// </summary>
internal static class SizeCommand
{
    public static Command Create()
    {
        var scenario = new Argument<string>("scenario") { Description = "Scenario or captured profile (YAML), e.g. scenarios/sizing.yaml" };
        var slo = new Option<string?>("--slo") { Description = "Latency objective, e.g. p99=2s (default: the file's sizing.slo, else 2s)" };
        var headroom = new Option<double?>("--headroom") { Description = "Capacity over the profile's peak, e.g. 2 (default: sizing.headroom, else 2)" };
        var tasks = new Option<string?>("--tasks") { Description = "Replicator settings to measure, e.g. 1,2,4 (default: sizing.tasks, else 1,4)" };
        var throttle = new Option<double?>("--throttle") { Description = "Throttle the built-in replicator to N records/s per task (checks the search against a known answer)" };
        var instances = new Option<string?>("--instances") { Description = "Instance table (YAML) for broker counts (default: sizing.instances)" };
        var output = new Option<string?>("--output", "-o") { Description = "Folder for sizing.html, sizing.json and the levels' run folders (default: runs/sizing-NAME-TIME)" };
        var command = new Command("size", "Measure the replicator's capacity curve and size the replicator fleet and the target cluster from a profile.")
        {
            scenario, slo, headroom, tasks, throttle, instances, output,
        };
        command.SetAction(async (parse, cancellation) =>
        {
            var path = parse.GetValue(scenario)!;
            var loaded = ScenarioLoader.LoadFile(path);
            var spec = Override(SizingSpecReader.Read(File.ReadAllText(path), path), parse.GetValue(slo), parse.GetValue(headroom), parse.GetValue(tasks), parse.GetValue(throttle), parse.GetValue(instances));
            var table = spec.Instances is { } file ? InstanceTableReader.LoadFile(Resolve(file, path, parse.GetValue(instances) is not null)) : null;
            var directory = parse.GetValue(output) ?? Path.Combine("runs", $"sizing-{loaded.Name}-{DateTime.UtcNow:yyyyMMdd-HHmmss}");
            Console.Out.WriteLine($"size {loaded.Name}: tasks {string.Join(", ", spec.Tasks)}, SLO p99 {ScalarFormats.FormatDuration(spec.SloP99)}, {ScalarFormats.FormatDuration(spec.LevelDuration)} per level");
            var report = await new SizingRunner(Console.Out).RunAsync(loaded, spec, table, directory, cancellation).ConfigureAwait(false);
            SizingSummary.Print(Console.Out, report);
            Console.Out.WriteLine(Path.GetFullPath(directory));
            return report.Curves.All(c => c.KneeRecordsPerSecond is not null) ? ExitCodes.Passed : ExitCodes.CheckFailed;
        });
        return command;
    }

    private static SizingSpec Override(SizingSpec spec, string? slo, double? headroom, string? tasks, double? throttle, string? instances)
    {
        if (slo is not null)
        {
            var parts = slo.Split('=', 2, StringSplitOptions.TrimEntries);
            if (parts.Length != 2 || !parts[0].Equals("p99", StringComparison.OrdinalIgnoreCase) || !ScalarFormats.TryParseDuration(parts[1], out var p99) || p99 <= TimeSpan.Zero)
            {
                throw new HarnessException($"--slo '{slo}' is not a latency objective; write it like --slo p99=2s or --slo p99=500ms", ExitCodes.BadInput);
            }

            spec = spec with { SloP99 = p99 };
        }

        if (headroom is { } h)
        {
            spec = h is >= 1 and <= 100 ? spec with { Headroom = h } : throw new HarnessException($"--headroom {h.ToString(CultureInfo.InvariantCulture)} is out of range; expected 1 to 100", ExitCodes.BadInput);
        }

        if (tasks is not null)
        {
            var counts = tasks.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
                .Select(t => int.TryParse(t, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n is >= 1 and <= 1000 ? n : -1).ToList();
            spec = counts.Count > 0 && counts.All(n => n > 0)
                ? spec with { Tasks = [.. counts.Distinct().Order()] }
                : throw new HarnessException($"--tasks '{tasks}' is not a list of task counts; write it like --tasks 1,2,4", ExitCodes.BadInput);
        }

        if (throttle is { } t)
        {
            spec = t > 0 ? spec with { ThrottlePerTask = t } : throw new HarnessException("--throttle must be above 0 records/s per task", ExitCodes.BadInput);
        }

        return instances is null ? spec : spec with { Instances = instances };
    }

    // A table named in the file is relative to the file; one on the command line, to the working directory.
    private static string Resolve(string file, string scenarioPath, bool fromCommandLine) =>
        fromCommandLine || Path.IsPathRooted(file) ? file : Path.Combine(Path.GetDirectoryName(Path.GetFullPath(scenarioPath))!, file);
}
