using Harness.Testing;

namespace Harness.Cli.Tests.Commands;

[Category("Integration")]
public sealed class ValidateCommandTests
{
    [Test]
    public async Task Validate_accepts_every_scenario_shipped_in_scenarios_folder()
    {
        var files = Directory.GetFiles(Path.Combine(HarnessProcess.RepositoryRoot, "scenarios"), "*.yaml");
        files.Should().NotBeEmpty();

        var (exitCode, stdout, stderr) = await HarnessProcess.RunAsync(TimeSpan.FromMinutes(1), HarnessProcess.RepositoryRoot, ["validate", .. files]);

        stderr.Should().BeEmpty();
        exitCode.Should().Be(0);
        stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Should().HaveCount(files.Length).And.OnlyContain(line => line.Contains(": ok ("));
    }

    [Test]
    public async Task Validate_reports_a_misspelt_key_with_file_line_and_column_and_exits_2()
    {
        using var directory = TempFolder.Create("harness-validate-");
        var file = Path.Combine(directory.FullName, "bad.yaml");
        await File.WriteAllTextAsync(file, "name: bad\ntopics:\n  - name: t\n    partitons: 3\n    rate: 10\n    records: 10\n");

        var (exitCode, stdout, stderr) = await HarnessProcess.RunAsync(TimeSpan.FromMinutes(1), directory.FullName, "validate", file);

        exitCode.Should().Be(2);
        stdout.Should().BeEmpty();
        stderr.Should().Contain($"{file}:4:5: unknown key 'partitons'").And.Contain("did you mean 'partitions'");
        stderr.Should().NotContain("   at ", "expected errors never print a stack trace");
    }

    [Test]
    public async Task Run_of_a_missing_file_exits_2_with_one_line()
    {
        var (exitCode, _, stderr) = await HarnessProcess.RunAsync(TimeSpan.FromMinutes(1), HarnessProcess.RepositoryRoot, "run", "no-such-scenario.yaml");

        exitCode.Should().Be(2);
        stderr.Trim().Split('\n').Should().ContainSingle().Which.Should().Contain("no-such-scenario.yaml");
    }

    [Test]
    public async Task A_topic_prefix_kafka_would_refuse_stops_the_run_with_one_line_naming_it_and_the_plan_shows_a_good_one()
    {
        using var directory = TempFolder.Create("harness-prefix-");
        var bad = Path.Combine(directory.FullName, "bad.yaml");
        var good = Path.Combine(directory.FullName, "good.yaml");
        const string Topics = "topics:\n  - {name: orders, partitions: 2, rate: 10, records: 10}\n";
        await File.WriteAllTextAsync(bad, "name: bad\ntopicPrefix: \"rehearsal {runId}\"\n" + Topics);
        await File.WriteAllTextAsync(good, "name: good\ntopicPrefix: rehearsal-{runId}-\n" + Topics);

        var refused = await HarnessProcess.RunAsync(TimeSpan.FromMinutes(1), directory.FullName, "run", bad);
        var plan = await HarnessProcess.RunAsync(TimeSpan.FromMinutes(1), directory.FullName, "run", "--plan", good);

        refused.ExitCode.Should().Be(2);
        refused.StdErr.Trim().Split('\n').Should().ContainSingle().Which.Should()
            .Contain($"{bad}:2:14: topicPrefix 'rehearsal {{runId}}' has characters Kafka refuses in a topic name: ' '").And.Contain("such as topicPrefix: rehearsal-{runId}-");
        plan.ExitCode.Should().Be(0, plan.StdErr);
        plan.StdOut.Should().Contain("  create topic rehearsal-{runId}-orders: 2 partitions").And.Contain("the replicator creates topic source.rehearsal-{runId}-orders");
    }
}
