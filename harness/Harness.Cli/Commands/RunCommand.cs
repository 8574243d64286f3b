using System.CommandLine;
using Harness.Cli.Output;
using Harness.Engine;
using Harness.Engine.Chaos;
using Harness.Engine.Orchestration;
using Harness.Engine.Runs;
using Harness.Engine.Safety.Planning;
using Harness.Engine.Scenarios;

namespace Harness.Cli.Commands;

/// <summary>`harness run SCENARIO`: one rehearsal, ending in report.html and results.json.</summary>
internal static class RunCommand
{
    public static Command Create()
    {
        var scenario = new Argument<string>("scenario") { Description = "Scenario file (YAML), e.g. scenarios/smoke.yaml" };
        var output = new Option<string>("--output", "-o") { Description = "Folder for run folders", DefaultValueFactory = _ => "runs" };
        var plan = new Option<bool>("--plan") { Description = "Print every topic, group, config and ACL the run would create or change, and change nothing" };
        var duration = new Option<string?>("--duration") { Description = "Make the load last this long (20s, 30m, 2h): every load, fault and cut-over time is stretched by one factor" };
        var dataDir = new Option<string?>("--data-dir") { Description = "Folder for the log files of embedded clusters on disk storage (default: the run folder's data/)" };
        var keepData = new Option<bool>("--keep-data") { Description = "Keep the log files of embedded clusters on disk storage in the run folder (data/) instead of removing them" };
        var command = new Command("run", "Run a rehearsal: clusters, replicator, load, faults, drain, verification and reports.")
        {
            scenario,
            output,
            plan,
            duration,
            dataDir,
            keepData,
        };
        command.SetAction(async (parse, cancellation) =>
        {
            var path = parse.GetValue(scenario)!;
            var loaded = ScenarioLoader.LoadFile(path);
            var options = new RunOptions { OutputRoot = parse.GetValue(output)!, DataDirectory = parse.GetValue(dataDir), KeepData = parse.GetValue(keepData) };
            if (parse.GetValue(duration) is { } text)
            {
                (loaded, options) = Stretch(loaded, options, text, path);
            }

            FaultPlan.Validate(loaded);
            if (parse.GetValue(plan))
            {
                foreach (var line in await RunPlan.BuildAsync(loaded, HarnessRegistry.Default, cancellation).ConfigureAwait(false))
                {
                    await Console.Out.WriteLineAsync(line).ConfigureAwait(false);
                }

                return ExitCodes.Passed;
            }

            RunOutcome outcome;
            await using (var progress = ProgressOutput.Open(Console.Out, Console.IsOutputRedirected, Environment.GetEnvironmentVariable))
            {
                progress.Progress.Event($"scenario {loaded.Name}: {loaded.Topics.Count} topics, {loaded.Replicator.Kind} replicator");
                if (loaded.Stretch is { } stretch)
                {
                    progress.Progress.Event(stretch.Describe());
                }

                outcome = await new RunOrchestrator(progress.Progress).RunAsync(loaded, options, cancellation).ConfigureAwait(false);
            }

            // The view is gone before the summary, whose last line (the run folder) scripts read.
            RunSummary.Print(Console.Out, outcome);
            return outcome.ExitCode;
        });
        return command;
    }

    private static (Scenario Scenario, RunOptions Options) Stretch(Scenario scenario, RunOptions options, string text, string path)
    {
        var length = DurationStretch.ParseLength(text)
            ?? throw new HarnessException($"run: --duration '{text}' is not a duration from 1s to 168h, such as 20s, 30m or 2h", ExitCodes.BadInput);
        var stretch = DurationStretch.For(scenario, length)
            ?? throw new HarnessException($"run: --duration needs a load with a length, and {path} has none (only keepConstant topics ended by a record count): give one a duration", ExitCodes.BadInput);
        return (stretch.Apply(scenario), options with { SampleInterval = DurationStretch.SampleIntervalFor(length) });
    }
}
