using Harness.Engine.Chaos;
using Harness.Engine.Scenarios;
using Harness.Engine.Tests.Scenarios;

namespace Harness.Engine.Tests.Cutover;

/// <summary>How <c>apps</c>, <c>cutover</c>, <c>verdict</c> and the two app faults are read, and how mistakes in them are named.</summary>
public sealed class CutoverScenarioTests
{
    private const string Base = """
        name: t
        topics:
          - {name: orders, partitions: 3, rate: 100, records: 100}
          - {name: background, partitions: 1, rate: 100, records: 100}
        replicator: {kind: builtin, policy: identity}

        """;

    [Test]
    public void Apps_and_a_cutover_timeline_are_read_with_their_defaults()
    {
        var scenario = ScenarioText.Load(Base + """
            verdict: failed
            apps:
              - name: svc
                producers: {topics: [orders], partitioner: consistent_random, keys: 7}
              - name: billing
                consumers: {group: bill, members: 3, rate: 50, commitInterval: 2s, autoOffsetReset: latest, assignor: cooperative-sticky}
            cutover:
              - {after: 2s, whenCheckpointed: billing, moveConsumers: {apps: [billing], start: latest}}
              - {whenLag: 0, deadline: 9s, moveProducers: {apps: [svc], strategy: hot}}
              - {stopReplicator: {}}
            faults:
              - {at: 5s, stragglerProducer: {app: svc, rate: 10, records: 37}}
              - {at: 6s, rollingRestart: {app: billing, every: 500ms}}
            """);

        scenario.ExpectsFailure.Should().BeTrue();
        scenario.Apps.Should().HaveCount(2);
        scenario.Apps[0].Producer.Should().BeEquivalentTo(new AppProducerSpec { Topics = ["orders"], Partitioner = "consistent_random", Keys = 7 });
        scenario.Apps[1].Consumer.Should().BeEquivalentTo(new AppConsumerSpec
        {
            Group = "bill", Topics = [], Members = 3, Rate = 50, CommitInterval = TimeSpan.FromSeconds(2), AutoOffsetReset = "latest", Assignor = "cooperative-sticky",
        });
        scenario.Cutover.Select(s => s.Action).Should().Equal(CutoverAction.MoveConsumers, CutoverAction.MoveProducers, CutoverAction.StopReplicator);
        scenario.Cutover[0].Trigger.Should().Be(new CutoverTrigger { After = TimeSpan.FromSeconds(2), WhenCheckpointed = "billing" });
        scenario.Cutover[0].Start.Should().Be(ConsumerStart.Latest);
        scenario.Cutover[1].Strategy.Should().Be(ProducerMoveStrategy.Hot);
        scenario.Cutover[1].Deadline.Should().Be(TimeSpan.FromSeconds(9));
        scenario.Faults.Select(f => f.Action).Should().Equal(FaultAction.StragglerProducer, FaultAction.RollingRestart);
    }

    [Test]
    public void A_fault_can_wait_for_a_cutover_step_and_a_hot_move_for_a_lag_of_at_least_n()
    {
        var scenario = ScenarioText.Load(Base + """
            apps:
              - name: svc
                producers: {topics: [orders]}
              - name: billing
                consumers: {group: bill}
            cutover:
              - {whenCheckpointed: billing, moveConsumers: {apps: [billing]}}
              - {whenLagAtLeast: 400, whenLag: 900, moveProducers: {apps: [svc], strategy: hot}}
            faults:
              - {at: after moveConsumers, for: 6s, pauseReplicator: {}}
              - {at: 1500ms after moveProducers, for: 2s, killBroker: {side: target, broker: 1}}
            """);

        scenario.Cutover[1].Trigger.Should().Be(new CutoverTrigger { WhenLag = 900, WhenLagAtLeast = 400 });
        scenario.Cutover[1].Trigger.ToString().Should().Be("whenLag 900, whenLagAtLeast 400");
        scenario.Faults[0].At.Should().Be(FaultTrigger.AfterCutoverStep(CutoverAction.MoveConsumers, TimeSpan.Zero));
        scenario.Faults[0].At.ToString().Should().Be("after moveConsumers");
        scenario.Faults[1].At.AfterStep.Should().Be(CutoverAction.MoveProducers);
        scenario.Faults[1].At.Time.Should().Be(TimeSpan.FromMilliseconds(1500));
        scenario.Faults[1].At.ToString().Should().Be("1.5s after moveProducers");
        scenario.Faults[1].At.AfterRecords.Should().BeNull();
    }

    [TestCase("cutover: [{moveConsumers: {apps: [billing]}}]\nfaults: [{at: after moveProducers, pauseReplicator: {}}]",
        "faults[0].at waits for a moveProducers step, but cutover has none; expected a moveProducers step under cutover, or a time such as 30s")]
    [TestCase("cutover: [{moveConsumers: {apps: [billing]}}]\nfaults: [{at: after moveproducers, pauseReplicator: {}}]",
        "faults[0].at names 'moveproducers', which is no cut-over action; expected after moveConsumers, after moveProducers, after stopReplicator")]
    [TestCase("cutover: [{moveConsumers: {apps: [billing]}}]\nfaults: [{at: soon after moveConsumers, pauseReplicator: {}}]",
        "faults[0].at is 'soon after moveConsumers', whose 'soon' is not a duration")]
    [TestCase("cutover: [{whenLag: 10, whenLagAtLeast: 400, moveConsumers: {apps: [billing]}}]",
        "cutover[0].whenLagAtLeast is 400, above whenLag 10: the lag can never be both; expected whenLagAtLeast at most whenLag, or only one of them")]
    [TestCase("cutover: [{whenLagAtLeast: 0, moveConsumers: {apps: [billing]}}]", "cutover[0].whenLagAtLeast is '0', out of range; expected an integer, 1 or more")]
    public void A_step_trigger_mistake_is_named_with_the_fix(string yaml, string message) =>
        string.Join("\n", ScenarioText.Errors(Base + "apps: [{name: billing, consumers: {group: bill}}]\n" + yaml)).Should().Contain(message);

    [TestCase("apps: [{name: a, producers: {topics: [nope]}}]", "unknown topic 'nope'")]
    [TestCase("apps: [{name: a}]", "has neither consumers nor producers")]
    [TestCase("apps: [{name: a, producers: {topics: [orders]}}, {name: b, producers: {topics: [orders]}}]", "apps 'a' and 'b' both produce topic 'orders'")]
    [TestCase("apps: [{name: a, producers: {topics: [orders]}}]\ncutover: [{moveConsumers: {apps: [a]}}]", "which is no app with consumers")]
    [TestCase("apps: [{name: a, consumers: {group: g}}]\ncutover: [{after: 1s}]", "has no action")]
    [TestCase("apps: [{name: a, consumers: {group: g}}]\ncutover: [{moveConsumers: {apps: [a], start: sideways}}]", "one of translated, synced, earliest, latest")]
    public void A_mistake_is_named_with_the_fix(string yaml, string message) =>
        string.Join("\n", ScenarioText.Errors(Base + yaml)).Should().Contain(message);

    [Test]
    public void A_straggler_needs_an_app_that_produces()
    {
        var scenario = ScenarioText.Load(Base + "apps: [{name: a, consumers: {group: g}}]\nfaults: [{at: 1s, stragglerProducer: {app: a}}]");

        var refused = FluentActions.Invoking(() => FaultPlan.Validate(scenario)).Should().Throw<ScenarioException>().Which;
        refused.Errors.Should().ContainSingle().Which.ToString().Should().Contain("'a' is no app with producers");
    }

    [Test]
    public void The_ready_cutover_scenarios_say_which_must_fail()
    {
        var folder = Path.Combine(RepositoryRoot(), "scenarios");

        ScenarioLoader.LoadFile(Path.Combine(folder, "cutover-drain.yaml")).ExpectsFailure.Should().BeFalse();
        ScenarioLoader.LoadFile(Path.Combine(folder, "cutover-hot.yaml")).ExpectsFailure.Should().BeTrue();
    }

    internal static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Harness.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("Harness.sln not found");
    }
}
