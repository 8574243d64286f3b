using Harness.Engine.Replicators;
using Harness.Engine.Replicators.Connect;
using Harness.Engine.Runs;
using Harness.Engine.Tests.Orchestration;
using Harness.Testing;

namespace Harness.Engine.Tests.Replicators.Connect;

/// <summary>The connect driver against Connect's REST API (in memory): submit, wait for RUNNING, watch, fault, delete, and each way it refuses to run.</summary>
public sealed class ConnectReplicatorTests
{
    private const string Scenario = """
        name: split
        topics:
          - {name: orders, partitions: 6, rate: 100, records: 100, volume: high}
          - {name: audit, partitions: 1, rate: 10, records: 10, volume: low}
        replicator:
          kind: connect
          url: http://connect.test:8083
          connectors: {high: {tasks: 3}}
        """;

    private static readonly Uri Url = new("http://connect.test:8083");

    private static ConnectorPlan Plan()
    {
        var scenario = ScenarioLoader.Parse(Scenario);
        var launch = new ReplicatorLaunch(scenario, "src:9092", "tgt:9092", "/tmp/runs/r1", new RunOptions(), null);
        return ConnectorPlan.For(launch, (ConnectReplicatorSettings)scenario.Replicator.Settings);
    }

    private static ConnectReplicator Replicator(FakeConnect connect, TimeProvider? time = null, TimeSpan? watchEvery = null) =>
        new(new ConnectRestClient(Url, connect), Plan(), null, null, "/tmp/runs/r1/replicator.log", watchEvery ?? TimeSpan.FromMilliseconds(20), time ?? TimeProvider.System);

    [Test]
    public async Task Every_connector_is_validated_then_submitted_and_the_replicator_is_ready_once_every_task_runs()
    {
        var connect = new FakeConnect();
        await using var replicator = Replicator(connect);

        replicator.Start();
        await replicator.WhenReadyAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));

        replicator.IsRunning.Should().BeTrue();
        connect.Connectors.Keys.Should().BeEquivalentTo("harness-r1-source-high", "harness-r1-source-low", "harness-r1-checkpoint", "harness-r1-heartbeat");
        var calls = connect.Calls.ToList();
        calls.FindLastIndex(c => c.Contains("/validate", StringComparison.Ordinal)).Should().BeLessThan(calls.FindIndex(c => c.EndsWith("/config", StringComparison.Ordinal)), "nothing is submitted before every config passed");
        var high = replicator.Report(DateTimeOffset.UtcNow.AddSeconds(-5)).Single(c => c.Role == "source-high");
        high.TasksMax.Should().Be(3);
        high.States.Should().ContainSingle().Which.Should().BeEquivalentTo(new { State = "RUNNING", Tasks = new[] { "RUNNING", "RUNNING", "RUNNING" }, Trace = (string?)null });
    }

    [Test]
    public async Task Stopping_deletes_only_the_connectors_the_run_submitted()
    {
        var connect = new FakeConnect();
        connect.Connectors["someone-elses"] = new Dictionary<string, string> { ["tasks.max"] = "1" };
        await using var replicator = Replicator(connect);
        replicator.Start();
        await replicator.WhenReadyAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));

        await replicator.StopAsync(TimeSpan.FromSeconds(1));

        connect.Connectors.Keys.Should().Equal("someone-elses");
        replicator.IsRunning.Should().BeFalse();
        replicator.ExitCode.Should().BeNull("a stop on purpose is no exit to explain");
    }

    [Test]
    public async Task A_config_connect_rejects_is_exit_2_with_connects_message_and_nothing_is_submitted()
    {
        var connect = new FakeConnect { Reject = config => config.ContainsKey("topics") && config["topics"] == "audit" ? [("topics", "Invalid regex")] : [] };
        await using var replicator = Replicator(connect);

        replicator.Start();
        var error = (await FluentActions.Awaiting(() => replicator.WhenReadyAsync(CancellationToken.None)).Should().ThrowAsync<HarnessException>()).Which;

        error.ExitCode.Should().Be(ExitCodes.BadInput);
        error.Message.Should().Be("Kafka Connect rejected the config of connector harness-r1-source-low (source-low): topics: Invalid regex; fix replicator.properties or replicator.connectors");
        connect.Connectors.Should().BeEmpty();
        replicator.ExplainExit(2).Should().BeSameAs(error);
    }

    [Test]
    public async Task Connect_that_never_answers_is_exit_3_naming_the_url_and_the_fix()
    {
        var clock = new SteppedClock();
        var connect = new FakeConnect { Down = true };
        await using var replicator = Replicator(connect, clock, TimeSpan.FromSeconds(1));

        replicator.Start();
        var ready = replicator.WhenReadyAsync(CancellationToken.None).ContinueWith(t => t, TaskScheduler.Default);
        var outcome = await clock.RunAsync(ready, TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(60));

        var error = outcome.Exception!.InnerException.Should().BeOfType<HarnessException>().Which;
        error.ExitCode.Should().Be(ExitCodes.Environment);
        error.Message.Should().StartWith("Kafka Connect at http://connect.test:8083/ did not answer").And.EndWith("after 15 s; check replicator.url and that Connect runs there");
        error.Message.Should().NotContain("\n");
    }

    [Test]
    public async Task A_task_failing_at_start_is_exit_1_with_the_head_of_its_trace_in_the_report()
    {
        const string Trace = "org.apache.kafka.connect.errors.ConnectException: cannot reach source\n\tat org.apache.kafka.connect.mirror.MirrorSourceTask.start(MirrorSourceTask.java:99)\n\tat a\n\tat b\n\tat c\n\tat d\n\tat e\n\tat f";
        var connect = new FakeConnect
        {
            State = (name, _) => name.EndsWith("source-low", StringComparison.Ordinal) ? ("RUNNING", [("FAILED", Trace)]) : ("RUNNING", [("RUNNING", null)]),
        };
        await using var replicator = Replicator(connect);

        replicator.Start();
        var error = (await FluentActions.Awaiting(() => replicator.WhenReadyAsync(CancellationToken.None)).Should().ThrowAsync<HarnessException>()).Which;

        error.ExitCode.Should().Be(ExitCodes.CheckFailed);
        error.Message.Should().Be("connector harness-r1-source-low: task 0 FAILED: org.apache.kafka.connect.errors.ConnectException: cannot reach source; the report's Connectors section has the trace");
        var failed = replicator.Report(DateTimeOffset.UtcNow.AddMinutes(-1)).Single(c => c.Role == "source-low").States.Single();
        failed.Tasks.Should().Equal("FAILED");
        failed.Trace.Should().StartWith("org.apache.kafka.connect.errors.ConnectException: cannot reach source\n\tat org.apache.kafka.connect.mirror.MirrorSourceTask.start")
            .And.EndWith("… 2 more line(s)");
    }

    [Test]
    public async Task A_task_failing_while_it_runs_stops_the_replicator_with_an_explained_exit()
    {
        var failing = false;
        var connect = new FakeConnect
        {
            State = (name, _) => failing && name.EndsWith("checkpoint", StringComparison.Ordinal) ? ("RUNNING", [("FAILED", "java.lang.OutOfMemoryError: Java heap space")]) : ("RUNNING", [("RUNNING", null)]),
        };
        await using var replicator = Replicator(connect);
        replicator.Start();
        await replicator.WhenReadyAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));

        failing = true;
        await Eventually.TrueAsync(() => !replicator.IsRunning, TimeSpan.FromSeconds(10), "the watch should see the FAILED task");

        replicator.ExitCode.Should().Be(1);
        replicator.ExplainExit(1)!.Message.Should().Contain("harness-r1-checkpoint: task 0 FAILED: java.lang.OutOfMemoryError: Java heap space");
        replicator.Report(DateTimeOffset.UtcNow.AddMinutes(-1)).Single(c => c.Role == "checkpoint").States.Select(s => s.Tasks.Single()).Should().Equal("RUNNING", "FAILED");
    }

    [Test]
    public async Task Connector_faults_are_the_rest_calls_connect_documents()
    {
        var connect = new FakeConnect();
        await using var replicator = Replicator(connect);
        replicator.Start();
        await replicator.WhenReadyAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));
        IConnectCluster cluster = replicator.Connect;

        await cluster.RestartConnectorAsync("source-high", CancellationToken.None);
        await cluster.RestartTaskAsync("source-high", 2, CancellationToken.None);
        await cluster.PauseConnectorAsync("checkpoint", CancellationToken.None);
        await cluster.ResumeConnectorAsync("checkpoint", CancellationToken.None);

        connect.Calls.Where(c => !c.StartsWith("GET", StringComparison.Ordinal) && !c.Contains("config", StringComparison.Ordinal)).Should().Equal(
            "POST /connectors/harness-r1-source-high/restart?includeTasks=true&onlyFailed=false",
            "POST /connectors/harness-r1-source-high/tasks/2/restart",
            "PUT /connectors/harness-r1-checkpoint/pause",
            "PUT /connectors/harness-r1-checkpoint/resume");
        cluster.Workers.Should().Be(0);
        FluentActions.Invoking(() => cluster.KillWorker(1)).Should().Throw<InvalidOperationException>().WithMessage("the harness started no Connect workers");
    }
}
