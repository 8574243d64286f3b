using Harness.Engine.Replicators;
using Harness.Engine.Replicators.Command;
using Harness.Engine.Runs;
using Harness.Testing;

namespace Harness.Engine.Tests.Registry;

/// <summary>The command driver hands its process the run's MM2 properties file, which real MirrorMaker 2 takes as it is.</summary>
[Category("Integration")]
public sealed class CommandReplicatorDriverTests
{
    [Test]
    public async Task A_command_replicator_gets_the_runs_mm2_properties_and_the_cluster_variables()
    {
        using var directory = TempFolder.Create("harness-command-");
        var scenario = ScenarioLoader.Parse("""
            name: command
            topics:
              - {name: orders, partitions: 2, rate: 10, records: 10}
            replicator:
              kind: command
              run: 'cp "$HARNESS_MM2_PROPERTIES" seen.properties && echo "$HARNESS_SOURCE_BOOTSTRAP $HARNESS_TOPICS" > seen.env'
              properties: {offset.lag.max: "7"}
            """);
        var launch = new ReplicatorLaunch(scenario, "127.0.0.1:1", "127.0.0.1:2", directory.FullName, new RunOptions(), HeapLimitMiB: null);

        await using var replicator = new CommandReplicatorDriver().Create(launch);
        replicator.Start();
        await Eventually.TrueAsync(() => !replicator.IsRunning, TimeSpan.FromSeconds(30), "the command has run and exited");

        replicator.ExitCode.Should().Be(0, File.ReadAllText(launch.LogPath));
        var properties = File.ReadAllText(Path.Combine(directory.FullName, "seen.properties"));
        properties.Should().Contain("source.bootstrap.servers = 127.0.0.1:1").And.Contain("topics = orders").And.Contain("offset.lag.max = 7");
        File.ReadAllText(Path.Combine(directory.FullName, "seen.env")).Trim().Should().Be("127.0.0.1:1 orders");
        replicator.Ballast.Should().BeNull("only the built-in replicator has a heap ballast");
        replicator.ExplainExit(2).Should().BeNull("a command's exit codes mean nothing to the harness");
    }
}
