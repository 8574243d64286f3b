using System.CommandLine;
using Harness.Cli.Output;
using Harness.Engine;
using Harness.Engine.Chaos;
using Harness.Engine.Orchestration;
using Harness.Engine.Runs;
using Harness.Engine.Safety;

namespace Harness.Cli.Commands;

/// <summary>`harness run SCENARIO`: one rehearsal, ending in report.html and results.json.</summary>
internal static class RunCommand
{
    public static Command Create()
    {
        var scenario = new Argument<string>("scenario") { Description = "Scenario file (YAML), e.g. scenarios/smoke.yaml" };
        var output = new Option<string>("--output", "-o") { Description = "Folder for run folders", DefaultValueFactory = _ => "runs" };
        var plan = new Option<bool>("--plan") { Description = "Print every topic, group, config and ACL the run would create or change, and change nothing" };
        var command = new Command("run", "Run a rehearsal: clusters, replicator, load, faults, drain, verification and reports.")
        {
            scenario,
            output,
            plan,
        };
        command.SetAction(async (parse, cancellation) =>
        {
            var path = parse.GetValue(scenario)!;
            var loaded = ScenarioLoader.LoadFile(path);
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
                outcome = await new RunOrchestrator(progress.Progress).RunAsync(loaded, new RunOptions { OutputRoot = parse.GetValue(output)! }, cancellation).ConfigureAwait(false);
            }

            // The view is gone before the summary, whose last line (the run folder) scripts read.
            RunSummary.Print(Console.Out, outcome);
            return outcome.ExitCode;
        });
        return command;
    }
}
