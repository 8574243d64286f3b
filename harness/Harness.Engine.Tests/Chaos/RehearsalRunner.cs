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
        return await new RunOrchestrator().RunAsync(scenario, new RunOptions
        {
            OutputRoot = Path.Combine(directory.FullName, "runs"),
            ReplicatorAssembly = Path.Combine(AppContext.BaseDirectory, "harness-replicator.dll"),
        }, timeout.Token);
    }
}
