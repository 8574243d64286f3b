using Harness.Testing;

namespace Harness.Cli.Tests.Containers;

/// <summary>A containers scenario on a machine where no engine answers: one line naming Docker and the fix, exit 3.</summary>
[Category("Integration")]
public sealed class ContainersWithoutDockerTests
{
    [Test]
    public async Task A_containers_run_without_an_engine_exits_3_with_one_line_naming_docker_and_the_fix()
    {
        using var directory = TempFolder.Create("harness-no-docker-");
        var scenario = Path.Combine(HarnessProcess.RepositoryRoot, "scenarios", "containers.yaml");
        var environment = new Dictionary<string, string> { ["DOCKER_HOST"] = $"unix://{Path.Combine(directory.FullName, "no-engine.sock")}" };

        var (exitCode, stdout, stderr) = await HarnessProcess.RunAsync(TimeSpan.FromMinutes(1), directory.FullName, environment, "run", scenario, "--output", "runs");

        exitCode.Should().Be(3, $"output:\n{stdout}\n{stderr}");
        var error = stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries).Should().ContainSingle(l => l.StartsWith("harness:", StringComparison.Ordinal)).Which;
        error.Should().Contain("the source cluster needs Docker").And.Contain("no-engine.sock").And.Contain("kind: embedded");
        stderr.Should().NotContain("   at ", "an expected environment error prints no stack trace");
    }
}
