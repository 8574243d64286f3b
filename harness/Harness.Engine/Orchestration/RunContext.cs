using Harness.Engine.Safety;
using Harness.Engine.Apps;
using Harness.Engine.Chaos;
using Harness.Engine.Clients;
using Harness.Engine.Clusters;
using Harness.Engine.Load;
using Harness.Engine.Replicators;
using Harness.Engine.Runs;
using Harness.Engine.Scenarios;
using Harness.Engine.Verification;
using Harness.Mm2.Records;
using Harness.Reports.Model;

namespace Harness.Engine.Orchestration;

/// <summary>
/// One run's state, passed from phase to phase. It owns every resource a phase starts and disposes them in reverse
/// order, whatever happened, so a phase never writes cleanup code of its own.
/// </summary>
internal sealed class RunContext(Scenario scenario, RunOptions options, HarnessRegistry registry, IRunProgress progress, TimeProvider time, string runDirectory, ulong runId)
    : IAsyncDisposable
{
    private readonly Stack<IAsyncDisposable> _owned = new();
    private readonly List<CheckResult> _checks = [];
    private IKafkaCluster? _source;
    private KafkaEndpoint? _sourceEndpoint;
    private KafkaEndpoint? _targetEndpoint;
    private IKafkaCluster? _target;
    private IReplicator? _replicator;
    private RunSampler? _sampler;

    public Scenario Scenario { get; } = scenario;

    public RunOptions Options { get; } = options;

    public HarnessRegistry Registry { get; } = registry;

    public IRunProgress Progress { get; } = progress;

    public TimeProvider Time { get; } = time;

    public string RunDirectory { get; } = runDirectory;

    public ulong RunId { get; } = runId;

    /// <summary>Elapsed run time for faults, samples and latencies, which count from the start of the run.</summary>
    public RunClock Clock { get; } = new(time);

    /// <summary>Each scenario topic with its name on the target and its partition count.</summary>
    public IReadOnlyList<(string Source, string Target, int Partitions)> Topics { get; } =
        [.. scenario.Topics.Select(t => (t.Name, scenario.Replicator.RemoteTopic(t.Name), t.Partitions))];

    /// <summary>The scenario as the harness's load sees it: the topics apps produce are left to the apps.</summary>
    public Scenario LoadScenario { get; } = scenario with { Topics = [.. scenario.Topics.Where(t => !AppHost.AppTopics(scenario).Contains(t.Name))] };

    /// <summary>The <see cref="Topics"/> the load produces and the record verifier reads, in <see cref="LoadScenario"/>'s order.</summary>
    public IReadOnlyList<(string Source, string Target, int Partitions)> LoadTopics =>
        [.. Topics.Where(t => LoadScenario.Topics.Any(l => l.Name == t.Source))];

    /// <summary>The live apps, when the scenario has any.</summary>
    public AppHost? Apps { get; set; }

    /// <summary>The cut-over timeline, when the scenario has one, and its run.</summary>
    public CutoverTimeline? Timeline { get; set; }

    public Task? TimelineRun { get; set; }

    /// <summary>The report's per-app rows.</summary>
    public List<AppReport> AppReports { get; } = [];

    public IReadOnlyList<ScheduledFault> Faults { get; } = FaultPlan.Build(scenario);

    public LatencyRecorder Latency { get; } = new();

    public string Phase { get; private set; } = "start-up";

    public IKafkaCluster Source { get => Require(_source, "source cluster"); set => _source = Own(value); }

    public IKafkaCluster Target { get => Require(_target, "target cluster"); set => _target = Own(value); }

    /// <summary>How the harness's clients reach the source: bootstrap servers and resolved security.</summary>
    public KafkaEndpoint SourceEndpoint { get => Require(_sourceEndpoint, "source endpoint"); set => _sourceEndpoint = value; }

    /// <summary>How the harness's clients reach the target.</summary>
    public KafkaEndpoint TargetEndpoint { get => Require(_targetEndpoint, "target endpoint"); set => _targetEndpoint = value; }

    public IReplicator Replicator { get => Require(_replicator, "replicator"); set => _replicator = Own(value); }

    /// <summary>What each cluster the harness did not start held before the run, by role: what the cleanup compares with.</summary>
    public Dictionary<string, ClusterInventory> Inventories { get; } = new(StringComparer.Ordinal);

    /// <summary>What the pre-flight checks found, once they ran.</summary>
    public PreflightReport? Preflight { get; set; }

    /// <summary>What the run created on clusters it did not start, and what the cleanup deleted.</summary>
    public List<ClusterResources> Resources { get; } = [];

    public IReplicator? StartedReplicator => _replicator;

    public IKafkaCluster? StartedSource => _source;

    public IKafkaCluster? StartedTarget => _target;

    public LoadGenerator? Load { get; set; }

    public StreamingVerifier? Verifier { get; private set; }

    public ChaosEngine? Chaos { get; set; }

    public RunSampler Sampler { get => Require(_sampler, "sampler"); set => _sampler = Own(value); }

    public RunSampler? StartedSampler => _sampler;

    /// <summary>Cancelled when the replicator is about to stop on purpose, so the watch does not call it an incident.</summary>
    public CancellationTokenSource Watching { get; } = new();

    public IReadOnlyDictionary<(string Group, string Topic, int Partition), long> Committed { get; set; } =
        new Dictionary<(string, string, int), long>();

    /// <summary>For each group partition, how long after the commit a checkpoint covering it was first read.</summary>
    public IReadOnlyDictionary<(string Group, string Topic, int Partition), TimeSpan> CheckpointCoveredAfter { get; set; } =
        new Dictionary<(string, string, int), TimeSpan>();

    /// <summary>The service-level bounds judged so far, with their measured values, for the report's charts.</summary>
    public List<ServiceLevelBound> ServiceLevels { get; } = [];

    /// <summary>The replicator's health as the service-levels phase judged it.</summary>
    public ReplicatorHealth? Health { get; set; }

    /// <summary>When the replicator watch stood down (the replicator stopped on purpose), in run seconds.</summary>
    public double? WatchEndedSeconds { get; set; }

    public DrainOutcome? Drain { get; set; }

    public VerificationOutcome? Verification { get; set; }

    public DateTimeOffset ReplicatorStopped { get; set; }

    public IReadOnlyDictionary<(string Topic, int Partition), long> SourceEnds { get; set; } = new Dictionary<(string, int), long>();

    public IReadOnlyDictionary<(string Topic, int Partition), long> TargetEnds { get; set; } = new Dictionary<(string, int), long>();

    public List<OffsetTranslationRow> Translation { get; } = [];

    /// <summary>The latest checkpoint per group partition, as the translation judged them and the switchover uses them.</summary>
    public IReadOnlyDictionary<(string Group, string Topic, int Partition), Checkpoint> Checkpoints { get; set; } =
        new Dictionary<(string, string, int), Checkpoint>();

    public List<SwitchoverResult> Switchover { get; } = [];

    /// <summary>Checks in the order they settled.</summary>
    public IReadOnlyList<CheckResult> Checks => _checks;

    /// <summary>The checkpoints topic the replicator writes under the scenario's policy.</summary>
    public string CheckpointsTopic => Harness.Mm2.Policies.ReplicationPolicies
        .FromClassName(Scenario.Replicator.Policy == ReplicationPolicyKind.Identity ? "identity" : "default")
        .CheckpointsTopic(Scenario.Replicator.SourceAlias);

    /// <summary>Starts reading the target; the verifier is closed with the run, before the clusters.</summary>
    public StreamingVerifier StartVerifier(StreamingVerifier verifier)
    {
        Own(AsyncCleanup.Of(verifier));
        Verifier = verifier;
        verifier.Start();
        return verifier;
    }

    /// <summary>Disposes <paramref name="resource"/> with the run, before whatever was owned earlier.</summary>
    public T Own<T>(T resource)
        where T : IAsyncDisposable
    {
        _owned.Push(resource);
        return resource;
    }

    public void Enter(string phase)
    {
        Phase = phase;
        Progress.Phase(phase);
        if (_sampler is not null)
        {
            _sampler.Phase = phase;
        }
    }

    /// <summary>Records settled checks and shows them as they settle.</summary>
    public void Settle(IEnumerable<CheckResult> checks)
    {
        foreach (var check in checks)
        {
            _checks.Add(check);
            Progress.Check(check);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Watching.CancelAsync().ConfigureAwait(false);
        while (_owned.TryPop(out var resource))
        {
            await resource.DisposeAsync().ConfigureAwait(false);
        }

        Watching.Dispose();
    }

    private static T Require<T>(T? value, string what)
        where T : class =>
        value ?? throw new InvalidOperationException($"the {what} is used before the phase that starts it");
}
