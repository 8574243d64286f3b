using Harness.Engine.Orchestration;
using Harness.Engine.Runs;

namespace Harness.Engine.Tests.Chaos;

/// <summary>Runs a scenario text end to end in a temporary folder, with the built-in replicator next to the tests.</summary>
internal static class RehearsalRunner
{
    public static async Task<RunOutcome> RunAsync(string yaml)
    {
        var directory = Directory.CreateTempSubdirectory("harness-rehearsal-");
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
