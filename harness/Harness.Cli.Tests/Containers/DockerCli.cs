using Harness.Testing;

namespace Harness.Cli.Tests.Containers;

/// <summary>Asks the engine, through the docker CLI, which harness containers exist.</summary>
internal static class DockerCli
{
    /// <summary>
    /// Names of containers (running or stopped) that carry the harness owner label: of process <paramref name="pid"/>,
    /// or of any harness when it is null.
    /// </summary>
    public static async Task<List<string>> HarnessContainersAsync(int? pid = null)
    {
        var label = pid is null ? "label=harness.owner" : $"label=harness.owner={Environment.MachineName}:{pid}";
        var outcome = await ExternalProcess.RunAsync("docker", ["ps", "-a", "--filter", label, "--format", "{{.Names}}"], null, TimeSpan.FromSeconds(30));
        outcome.ExitCode.Should().Be(0, outcome.ToString());
        return outcome.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
    }
}
