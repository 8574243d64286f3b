using Harness.Engine.Replicators;
using Harness.Engine.Replicators.Mm2;
using Harness.Engine.Runs;
using Harness.Testing;

namespace Harness.Engine.Tests.Replicators;

/// <summary>Without connect-mirror-maker.sh under kafkaHome or KAFKA_HOME the run ends with one line and exit 3.</summary>
public sealed class Mm2DistributionTests
{
    private static ReplicatorLaunch Launch(string replicator, TempFolder runFolder)
    {
        var scenario = ScenarioLoader.Parse($"""
            name: mm2
            topics:
              - {"{"}name: orders, partitions: 1, rate: 10, records: 10{"}"}
            replicator:
            {replicator}
            """);
        return new ReplicatorLaunch(scenario, "127.0.0.1:1", "127.0.0.1:2", runFolder.FullName, new RunOptions(), HeapLimitMiB: null);
    }

    [Test]
    public void Neither_kafkaHome_nor_KAFKA_HOME_is_exit_3_naming_both_and_the_fix()
    {
        using var runFolder = TempFolder.Create("harness-mm2-");

        var error = FluentActions.Invoking(() => new Mm2ReplicatorDriver(_ => null).Create(Launch("  kind: mm2", runFolder)))
            .Should().Throw<HarnessException>().Which;

        error.ExitCode.Should().Be(ExitCodes.Environment);
        error.Message.Should().NotContain("\n")
            .And.Contain("bin/connect-mirror-maker.sh")
            .And.Contain("replicator.kafkaHome (not set)")
            .And.Contain("KAFKA_HOME (not set)")
            .And.Contain("set either to the folder of an unpacked Apache Kafka");
    }

    [Test]
    public void Folders_without_the_script_are_named_in_the_error()
    {
        using var empty = TempFolder.Create("not-kafka-");
        using var runFolder = TempFolder.Create("harness-mm2-");

        var error = FluentActions.Invoking(() => new Mm2ReplicatorDriver(_ => "/no/such/kafka").Create(Launch($"  kind: mm2\n  kafkaHome: {empty.FullName}", runFolder)))
            .Should().Throw<HarnessException>().Which;

        error.ExitCode.Should().Be(ExitCodes.Environment);
        error.Message.Should().Contain($"replicator.kafkaHome ({empty.FullName})").And.Contain("KAFKA_HOME (/no/such/kafka)").And.NotContain("\n");
    }

    [Test]
    public void KAFKA_HOME_is_used_when_the_scenario_names_no_folder_and_the_file_is_written_for_real_mm2()
    {
        using var home = TempFolder.Create("fake-kafka-");
        using var runFolder = TempFolder.Create("harness-mm2-");
        Directory.CreateDirectory(Path.Combine(home.FullName, "bin"));
        File.WriteAllText(Path.Combine(home.FullName, "bin", "connect-mirror-maker.sh"), "#!/bin/sh\n");
        var launch = Launch("  kind: mm2\n  tasks: 3", runFolder);

        var replicator = new Mm2ReplicatorDriver(name => name == "KAFKA_HOME" ? home.FullName : null).Create(launch);

        replicator.Kind.Should().Be("mm2");
        replicator.IsRunning.Should().BeFalse("Create does not start it");
        replicator.Ballast.Should().BeNull();
        replicator.Metrics.Should().BeNull();
        replicator.LogPath.Should().Be(launch.LogPath);
        File.ReadAllText(Path.Combine(launch.RunDirectory, "mm2.properties")).Should().Contain("tasks.max = 3").And.Contain("replication.factor = ");
        replicator.ExplainExit(127)!.ExitCode.Should().Be(ExitCodes.Environment);
        replicator.ExplainExit(1).Should().BeNull("an ordinary exit is a crash the run records");
    }
}
