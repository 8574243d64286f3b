using Harness.Engine.Orchestration;
using Harness.Engine.Runs;
using Harness.Testing;

namespace Harness.Engine.Tests.Chaos;

/// <summary>
/// Runs a scenario text end to end in a temporary folder, with the built-in replicator next to the tests. The folder
/// goes when the run has ended (its processes stopped): callers read the verdict from the returned result, not from
/// files, and a failure's checks are in that result.
/// </summary>
internal static class RehearsalRunner
{
    public static async Task<RunOutcome> RunAsync(string yaml)
    {
        using var directory = TempFolder.Create("harness-rehearsal-");
        var file = Path.Combine(directory.FullName, "scenario.yaml");
        await File.WriteAllTextAsync(file, yaml);
        var scenario = ScenarioLoader.LoadFile(file);
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(4));
        var outcome = await new RunOrchestrator().RunAsync(scenario, new RunOptions
        {
            OutputRoot = Path.Combine(directory.FullName, "runs"),
            ReplicatorAssembly = Path.Combine(AppContext.BaseDirectory, "harness-replicator.dll"),
        }, timeout.Token);
        ReportUnplannedExits(outcome);
        return outcome;
    }

    /// <summary>
    /// An unplanned replicator exit fails most rehearsals, and its log goes with the folder: the end of the log is
    /// written to the test's output, the only place a CI run keeps it.
    /// </summary>
    private static void ReportUnplannedExits(RunOutcome outcome)
    {
        var exits = outcome.Result.Faults.Where(f => f.Kind == "replicatorExit").ToList();
        var log = Path.Combine(outcome.RunDirectory, "replicator.log");
        if (exits.Count == 0 || !File.Exists(log))
        {
            return;
        }

        foreach (var exit in exits)
        {
            TestContext.Out.WriteLine($"unplanned replicator exit at {exit.StartSeconds:0.0}s: {exit.MeasuredEffect}");
        }

        TestContext.Out.WriteLine("the replicator log's last 60 lines:");
        foreach (var line in File.ReadLines(log).TakeLast(60))
        {
            TestContext.Out.WriteLine("  " + line);
        }
    }
}
