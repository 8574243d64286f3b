using System.Diagnostics;
using System.Reflection;
using System.Security.Cryptography;
using Confluent.Kafka.Admin;
using Harness.Engine.Chaos;
using Harness.Engine.Clients;
using Harness.Engine.Clusters;
using Harness.Engine.Clusters.Containers;
using Harness.Engine.Load;
using Harness.Engine.OffsetTranslation;
using Harness.Engine.Replicators;
using Harness.Engine.Runs;
using Harness.Engine.Scenarios;
using Harness.Engine.Switchover;
using Harness.Engine.Verification;
using Harness.Mm2.Policies;
using Harness.RdKafka;
using Harness.Reports;
using Harness.Reports.Model;
using ReportAnomaly = Harness.Reports.Model.AnomalyExample;
using ReportAnomalyClass = Harness.Reports.Model.AnomalyClass;
using ReportParity = Harness.Reports.Model.PartitionParity;

namespace Harness.Engine.Orchestration;

/// <summary>
/// Runs one rehearsal end to end: clusters, topics, replicator, load, consumer groups, drain, verification and
/// reports. Whatever happens (a failed check, Ctrl-C, a broken environment) the replicator is stopped, the
/// clusters are closed and a report is written.
/// </summary>
public sealed class RunOrchestrator
{
    private static readonly TimeSpan StallWindow = TimeSpan.FromSeconds(15);
    private readonly IRunProgress _progress;

    /// <summary>Creates an orchestrator reporting live state to <paramref name="progress"/>.</summary>
    public RunOrchestrator(IRunProgress? progress = null) => _progress = progress ?? SilentProgress.Instance;

    /// <summary>Runs <paramref name="scenario"/>; <paramref name="cancellation"/> (Ctrl-C) ends it early with a partial report.</summary>
    public async Task<RunOutcome> RunAsync(Scenario scenario, RunOptions options, CancellationToken cancellation)
    {
        var started = DateTimeOffset.UtcNow;
        var clock = Stopwatch.StartNew();
        var runId = BitConverter.ToUInt64(RandomNumberGenerator.GetBytes(8));
        var plan = FaultPlan.Build(scenario);
        var runDirectory = CreateRunDirectory(options.OutputRoot, scenario.Name, started);
        var scenarioText = scenario.Source is { } path && File.Exists(path) ? File.ReadAllText(path) : "";
        File.WriteAllText(Path.Combine(runDirectory, "scenario.yaml"), Harness.Reports.Redaction.SecretRedactor.Redact(scenarioText));
        ClientLog.Open(Path.Combine(runDirectory, "clients.log"));
        var topics = scenario.Topics.Select(t => (Source: t.Name, Target: scenario.Replicator.RemoteTopic(t.Name), t.Partitions)).ToList();

        IKafkaCluster? source = null, target = null;
        ProcessReplicator? replicator = null;
        RunSampler? sampler = null;
        LoadGenerator? load = null;
        StreamingVerifier? verifier = null;
        ChaosEngine? chaos = null;
        Task? watch = null;
        using var watching = new CancellationTokenSource();
        var latency = new LatencyRecorder();
        VerificationOutcome? verification = null;
        IReadOnlyDictionary<(string Group, string Topic, int Partition), long> committed = new Dictionary<(string, string, int), long>();
        (List<OffsetTranslationRow> Rows, List<CheckResult> Checks) translation = ([], []);
        List<SwitchoverResult> switchover = [];
        List<CheckResult> topology = [];
        DrainOutcome? drain = null;
        string? partialReason = null, error = null;
        var exitCode = ExitCodes.Passed;
        try
        {
            Enter("start clusters", sampler);
            source = await StartClusterAsync("source", scenario.Clusters.Source, cancellation).ConfigureAwait(false);
            target = await StartClusterAsync("target", scenario.Clusters.Target, cancellation).ConfigureAwait(false);

            Enter("prepare topics", sampler);
            await TopicPreparer.CreateAsync(source.BootstrapServers, scenario.Topics.Select(t => new TopicSpecification
            {
                Name = t.Name,
                NumPartitions = t.Partitions,
                ReplicationFactor = 3,
                Configs = t.Configs.ToDictionary(),
            }), "source").ConfigureAwait(false);
            if (scenario.Replicator.Kind == ReplicatorKind.Command)
            {
                // An external replicator finds its target topics ready, with the source partition counts.
                await TopicPreparer.CreateAsync(target.BootstrapServers, topics.Select(t => new TopicSpecification
                {
                    Name = t.Target,
                    NumPartitions = t.Partitions,
                    ReplicationFactor = 3,
                }), "target").ConfigureAwait(false);
            }

            Enter("start replicator", sampler);
            replicator = ReplicatorFactory.Create(scenario, source.BootstrapServers, target.BootstrapServers, runDirectory, options, FaultPlan.HeapLimitMiB(scenario));
            replicator.Start();
            _progress.Event($"{replicator.Kind} replicator started; its log is {replicator.LogPath}");

            Enter("load", sampler);
            load = new LoadGenerator(scenario, source.BootstrapServers, runId);
            verifier = new StreamingVerifier(topics.Select(t => new VerifiedTopic(t.Source, t.Target, t.Partitions)).ToList(), load.Ledger, runId, target.BootstrapServers, latency, clock);
            verifier.Start();
            var metricsFile = scenario.Replicator.Kind == ReplicatorKind.Builtin ? Path.Combine(runDirectory, "replicator-metrics.jsonl") : null;
            var context = new FaultContext(source, target, replicator, topics, new Random(scenario.Seed ?? 1), clock, _progress,
                Path.Combine(runDirectory, "replicator-state", "control.port"));
            chaos = new ChaosEngine(plan, context, load.Counters, metricsFile);
            sampler = new RunSampler(source, target, topics, load.Counters, load.PlannedRecords, _progress, options.SampleInterval, clock, latency, metricsFile, chaos, () => verifier.NewestReplicatedTimestampMs);
            sampler.Start();
            watch = chaos.WatchAsync(watching.Token);
            using var stopLoad = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
            var loading = load.RunAsync(stopLoad.Token);
            var faults = chaos.RunAsync(loading, stopLoad.Token);
            if (await Task.WhenAny(loading, chaos.Fatal).ConfigureAwait(false) == chaos.Fatal)
            {
                // Nothing the run does next can mean anything: stop the load and end with the replicator's reason.
                await stopLoad.CancelAsync().ConfigureAwait(false);
                await Task.WhenAll(loading, faults).ContinueWith(_ => { }, TaskScheduler.Default).ConfigureAwait(false);
                throw await chaos.Fatal.ConfigureAwait(false);
            }

            await loading.ConfigureAwait(false);
            if (plan.Count > 0)
            {
                Enter("faults", sampler);
                await faults.ConfigureAwait(false);
            }

            if (chaos.Fatal.IsCompletedSuccessfully)
            {
                throw await chaos.Fatal.ConfigureAwait(false);
            }

            cancellation.ThrowIfCancellationRequested();

            if (scenario.Consumers.Count > 0)
            {
                Enter("consumer groups", sampler);
                var (sourceMarks, _) = await sampler.ReadWatermarksAsync().ConfigureAwait(false);
                committed = await ConsumerGroupSeeder.SeedAsync(source.BootstrapServers, scenario.Consumers, scenario.Topics.ToDictionary(t => t.Name, t => t.Partitions),
                    sourceMarks, cancellation).ConfigureAwait(false);
            }

            Enter("drain", sampler);
            drain = await DrainAsync(sampler, replicator, scenario.Expect.DrainWithin, topics.ToDictionary(t => t.Source, t => t.Target, StringComparer.Ordinal), cancellation).ConfigureAwait(false);

            var checkpointsTopic = ReplicationPolicies.FromClassName(scenario.Replicator.Policy == ReplicationPolicyKind.Identity ? "identity" : "default")
                .CheckpointsTopic(scenario.Replicator.SourceAlias);
            if (committed.Count > 0)
            {
                Enter("checkpoints", sampler);
                await WaitForCheckpointsAsync(target.BootstrapServers, checkpointsTopic, scenario, committed, scenario.Expect.DrainWithin, cancellation).ConfigureAwait(false);
            }

            await watching.CancelAsync().ConfigureAwait(false); // the stop below is expected: no incident
            Enter("stop replicator", sampler);
            await replicator.StopAsync(scenario.Replicator.Grace).ConfigureAwait(false);
            var stopped = DateTimeOffset.UtcNow;

            Enter("verify", sampler);
            var (sourceEnds, targetEnds) = await sampler.ReadWatermarksAsync().ConfigureAwait(false);
            var remoteNames = topics.Select(t => t.Target).ToHashSet(StringComparer.Ordinal);
            verification = await verifier.FinishAsync(targetEnds.Where(e => remoteNames.Contains(e.Key.Item1)).ToDictionary(), TimeSpan.FromMinutes(5), cancellation).ConfigureAwait(false);
            var builtin = scenario.Replicator.Kind == ReplicatorKind.Builtin;
            topology = await TopologyVerifier.CheckAsync(source.BootstrapServers, target.BootstrapServers, topics,
                expectConfigSync: builtin && !Disabled(scenario, "sync.topic.configs.enabled"),
                heartbeatSourceAlias: builtin && !Disabled(scenario, "emit.heartbeats.enabled") ? scenario.Replicator.SourceAlias : null,
                stopped).ConfigureAwait(false);
            if (committed.Count > 0)
            {
                var checkpoints = CheckpointReader.ReadLatest(target.BootstrapServers, checkpointsTopic, out _);
                translation = OffsetTranslationEvaluator.Evaluate(scenario, committed, sourceEnds, targetEnds, checkpoints, verification.Maps);

                // With the replicator stopped and the target at its final end offsets, consumers switch over.
                Enter("switchover", sampler);
                switchover = await SwitchoverRehearsal.RunAsync(scenario, target.BootstrapServers, runId, load.Ledger, committed, checkpoints, targetEnds,
                    TimeSpan.FromMinutes(5), _progress.Event, cancellation).ConfigureAwait(false);
            }

            cancellation.ThrowIfCancellationRequested();
        }
        catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
        {
            partialReason = $"interrupted during {sampler?.Phase ?? "start-up"} (Ctrl-C)";
            exitCode = ExitCodes.Interrupted;
        }
        catch (HarnessException e)
        {
            error = e.Message;
            exitCode = e.ExitCode;
        }
        finally
        {
            await watching.CancelAsync().ConfigureAwait(false);
            if (watch is not null)
            {
                await watch.ConfigureAwait(false);
            }

            if (sampler is not null)
            {
                await sampler.DisposeAsync().ConfigureAwait(false);
            }

            verifier?.Dispose();

            if (replicator is not null)
            {
                await replicator.DisposeAsync().ConfigureAwait(false);
            }

            if (source is not null)
            {
                await source.DisposeAsync().ConfigureAwait(false);
            }

            if (target is not null)
            {
                await target.DisposeAsync().ConfigureAwait(false);
            }
        }

        var checks = verification is not null && drain is not null
            ? CheckEvaluator.Evaluate(scenario.Expect, verification, drain, load!.Counters.Failed)
            : [];
        checks.AddRange(topology);
        checks.AddRange(translation.Checks);
        checks.AddRange(SwitchoverEvaluator.Checks(scenario.Expect.OffsetTranslation, switchover));
        var (p50, p95, p99, max, count) = latency.Summary();
        var samples = sampler?.Samples ?? [];
        var faultEntries = (chaos?.Records ?? []).Select(r => new FaultEntry
        {
            Id = r.Id,
            Kind = r.Kind,
            Target = r.Target,
            StartSeconds = r.StartSeconds ?? 0,
            EndSeconds = r.EndSeconds,
            MeasuredEffect = FaultEffects.Describe(r, samples, verifier?.DuplicateTimes ?? []),
        }).ToList();
        var verdict = error is not null ? Verdict.Error
            : partialReason is not null ? Verdict.Partial
            : checks.All(c => c.Passed) ? Verdict.Passed
            : Verdict.Failed;
        if (verdict == Verdict.Failed)
        {
            exitCode = ExitCodes.CheckFailed;
        }

        var finished = DateTimeOffset.UtcNow;
        var result = new RunResult
        {
            RunId = runId.ToString("x16", System.Globalization.CultureInfo.InvariantCulture),
            Scenario = new ScenarioInfo { Name = scenario.Name, Description = scenario.Description ?? "", Text = scenarioText },
            StartedUtc = started,
            FinishedUtc = finished,
            Duration = finished - started,
            Partial = partialReason is not null,
            PartialReason = partialReason,
            Verdict = verdict,
            ErrorMessage = error,
            Environment = RunEnvironment.Capture(HarnessVersion, source?.Backend ?? "none", target?.Backend ?? "none", replicator?.Kind ?? scenario.Replicator.Kind.ToString().ToLowerInvariant())
                with { Librdkafka = LibraryResolver.Describe() },
            Checks = checks,
            Parity = verification?.Result.Partitions.Select(ToReport).ToList() ?? [],
            Anomalies = verification?.Result.Examples.Select(ToReport).ToList() ?? [],
            Latency = count == 0 ? null : new LatencySummary { P50Ms = p50, P95Ms = p95, P99Ms = p99, MaxMs = max, SampleCount = count },
            OffsetTranslation = translation.Rows,
            Switchover = switchover,
            Faults = faultEntries,
            TimeSeries = new TimeSeries { Samples = samples, Markers = faultEntries.Where(f => f.StartSeconds > 0 || f.EndSeconds is not null).Select(FaultMarker.From).ToList() },
        };
        ClientLog.Close();
        ReportWriters.WriteAll(result, runDirectory);
        return new RunOutcome(result, runDirectory, exitCode);
    }

    /// <summary>
    /// Waits until the replicator has checkpointed every group partition at its committed offset, and then until those
    /// checkpoints settle: the first checkpoint for an offset may be translated through an older offset sync than the
    /// replicator's last one, and an operator switches over once checkpoints stop moving, not at their first sight.
    /// Settled means unchanged for one checkpoint interval (plus a second for the write to land).
    /// </summary>
    private async Task WaitForCheckpointsAsync(string bootstrap, string topic, Scenario scenario,
        IReadOnlyDictionary<(string Group, string Topic, int Partition), long> committed, TimeSpan within, CancellationToken cancellation)
    {
        var settle = TimeSpan.FromSeconds(CheckpointIntervalSeconds(scenario) + 1);
        var clock = Stopwatch.StartNew();
        var missing = committed.Count;
        Dictionary<(string Group, string Topic, int Partition), long>? last = null;
        var unchangedSince = TimeSpan.Zero;
        while (clock.Elapsed < within)
        {
            var latest = await Task.Run(() => CheckpointReader.ReadLatest(bootstrap, topic, out _), cancellation).ConfigureAwait(false);
            var translated = new Dictionary<(string Group, string Topic, int Partition), long>();
            foreach (var ((group, source, partition), offset) in committed)
            {
                if (latest.TryGetValue((group, scenario.Replicator.RemoteTopic(source), partition), out var checkpoint) && checkpoint.UpstreamOffset == offset)
                {
                    translated[(group, source, partition)] = checkpoint.DownstreamOffset;
                }
            }

            missing = committed.Count - translated.Count;
            if (missing == 0)
            {
                if (last is null || !last.OrderBy(e => e.Key).SequenceEqual(translated.OrderBy(e => e.Key)))
                {
                    last = translated;
                    unchangedSince = clock.Elapsed;
                }
                else if (clock.Elapsed - unchangedSince >= settle)
                {
                    return;
                }
            }

            await Task.Delay(TimeSpan.FromSeconds(1), cancellation).ConfigureAwait(false);
        }

        if (missing > 0)
        {
            _progress.Event($"{missing} group partitions still have no checkpoint at their committed offset after {within.TotalSeconds:0}s");
        }
    }

    /// <summary>The replicator's checkpoint interval: the scenario's property, else the harness default for the built-in replicator.</summary>
    private static double CheckpointIntervalSeconds(Scenario scenario) =>
        scenario.Replicator.Properties.TryGetValue("emit.checkpoints.interval.seconds", out var text)
            && double.TryParse(text, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var seconds) && seconds > 0
            ? Math.Min(seconds, 60)
            : 5;

    private static bool Disabled(Scenario scenario, string property) =>
        scenario.Replicator.Properties.TryGetValue(property, out var value) && value.Trim().Equals("false", StringComparison.OrdinalIgnoreCase);

    private void Enter(string phase, RunSampler? sampler)
    {
        _progress.Phase(phase);
        if (sampler is not null)
        {
            sampler.Phase = phase;
        }
    }

    private static string HarnessVersion =>
        typeof(RunOrchestrator).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "dev";

    private static async Task<IKafkaCluster> StartClusterAsync(string role, ClusterSpec spec, CancellationToken cancellation) => spec switch
    {
        { Kind: ClusterKind.External } => new ExternalKafkaCluster(role, spec.Bootstrap!),
        { Kind: ClusterKind.Containers, Image: ClusterSpec.HarnessBrokerImage } => await ContainersKafkaCluster.StartAsync(role, spec.Brokers, cancellation).ConfigureAwait(false),
        { Kind: ClusterKind.Containers } => await KafkaImageCluster.StartAsync(role, spec.Image!, cancellation).ConfigureAwait(false),
        _ => EmbeddedKafkaCluster.Start(role, spec.Brokers),
    };

    private static async Task<DrainOutcome> DrainAsync(RunSampler sampler, IReplicator replicator, TimeSpan within, IReadOnlyDictionary<string, string> remote, CancellationToken cancellation)
    {
        var clock = Stopwatch.StartNew();
        var lastProgress = clock.Elapsed;
        long lastLag = long.MaxValue;
        while (true)
        {
            var (sourceMarks, targetMarks) = await sampler.ReadWatermarksAsync().ConfigureAwait(false);
            var lag = sourceMarks.Sum(s => Math.Max(0, s.Value - targetMarks.GetValueOrDefault(RemoteOf(s.Key))));
            if (sourceMarks.Count > 0 && lag == 0 && sourceMarks.All(s => targetMarks.ContainsKey(RemoteOf(s.Key))))
            {
                return new DrainOutcome(true, 0, clock.Elapsed, "caught up");
            }

            if (lag < lastLag)
            {
                lastLag = lag;
                lastProgress = clock.Elapsed;
            }

            if (clock.Elapsed >= within)
            {
                return new DrainOutcome(false, lag, clock.Elapsed, $"deadline of {within.TotalSeconds:0}s reached");
            }

            if (clock.Elapsed - lastProgress >= StallWindow)
            {
                return new DrainOutcome(false, lag, clock.Elapsed, $"no progress for {StallWindow.TotalSeconds:0}s");
            }

            if (!replicator.IsRunning)
            {
                return new DrainOutcome(false, lag, clock.Elapsed, $"the replicator exited with code {replicator.ExitCode}");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(250), cancellation).ConfigureAwait(false);
        }

        (string, int) RemoteOf((string Topic, int Partition) source) => (remote[source.Topic], source.Partition);
    }

    private static string CreateRunDirectory(string root, string name, DateTimeOffset started)
    {
        var safe = new string(name.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' ? c : '-').ToArray());
        var directory = Path.Combine(root, $"{started:yyyyMMdd-HHmmss}-{safe}");
        for (var i = 2; Directory.Exists(directory); i++)
        {
            directory = Path.Combine(root, $"{started:yyyyMMdd-HHmmss}-{safe}-{i}");
        }

        Directory.CreateDirectory(directory);
        return directory;
    }

    private static ReportParity ToReport(Verification.PartitionParity p) => new()
    {
        SourceTopic = p.SourceTopic,
        TargetTopic = p.TargetTopic,
        Partition = p.Partition,
        Produced = p.Produced,
        Replicated = p.Replicated,
        Lost = p.Lost,
        Duplicated = p.Duplicated,
        Reordered = p.Reordered,
        Corrupted = p.Corrupted,
        Misrouted = p.Misrouted,
        Unexpected = p.Unexpected,
    };

    private static ReportAnomaly ToReport(Verification.AnomalyExample e) => new()
    {
        Class = (ReportAnomalyClass)(int)e.Class,
        Topic = e.SourceTopic.Length > 0 ? e.SourceTopic : e.TargetTopic,
        Partition = e.SourcePartition >= 0 ? e.SourcePartition : e.TargetPartition,
        Sequence = e.Sequence >= 0 ? e.Sequence : null,
        SourceOffset = e.SourceOffset >= 0 ? e.SourceOffset : null,
        TargetOffset = e.TargetOffset >= 0 ? e.TargetOffset : null,
        Detail = $"{e.Detail} (target {e.TargetTopic}/{e.TargetPartition})",
    };
}
