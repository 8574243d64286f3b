using Harness.Engine.Clusters.Embedded;
using Harness.Engine.Scenarios;

namespace Harness.Engine.Chaos;

/// <summary>
/// Turns a scenario's <c>faults[]</c> into scheduled faults, refusing (with file:line:column) any parameter
/// that is wrong and any fault the chosen backend cannot perform, so a bad fault fails validation, not a run.
/// </summary>
public static class FaultPlan
{
    /// <summary>Checks every fault of <paramref name="scenario"/>; throws <see cref="ScenarioException"/> listing all problems.</summary>
    public static void Validate(Scenario scenario) => Build(scenario);

    /// <summary>The hard heap limit (MiB) the replicator needs for <paramref name="faults"/>' heap pressure, or null.</summary>
    internal static int? HeapLimitMiB(IReadOnlyList<ScheduledFault> faults) =>
        faults.Select(f => f.Fault).OfType<HeapPressureFault>().Select(f => (int?)f.LimitMiB).Min();

    internal static IReadOnlyList<ScheduledFault> Build(Scenario scenario)
    {
        var errors = new List<ScenarioError>();
        var faults = new List<ScheduledFault>();
        for (var i = 0; i < scenario.Faults.Count; i++)
        {
            var spec = scenario.Faults[i];
            var parameters = new FaultParameters(spec, i, errors);
            var fault = Create(scenario, spec, $"f{i + 1}", parameters);
            var restart = spec.Action == FaultAction.HeapPressure && parameters.Flag("restart");
            parameters.RejectUnused();
            if (fault is not null)
            {
                faults.Add(new ScheduledFault(fault, spec.At, spec.Duration, restart, spec.RecoverWithin));
            }
        }

        if (errors.Count > 0)
        {
            throw new ScenarioException(errors);
        }

        return faults;
    }

    private static IFault? Create(Scenario scenario, FaultSpec spec, string id, FaultParameters parameters)
    {
        switch (spec.Action)
        {
            case FaultAction.KillBroker or FaultAction.RestartBroker or FaultAction.HangBroker or FaultAction.Latency:
            {
                var side = parameters.Side();
                var selector = BrokerSelector.Parse(parameters);
                CheckLeaderTopic(scenario, selector, parameters);
                var latency = spec.Action == FaultAction.Latency ? TimeSpan.FromMilliseconds(parameters.Int("ms", 0, 1)) : TimeSpan.Zero;
                if (spec.Action == FaultAction.Latency && parameters.Text("ms") is null)
                {
                    parameters.Error("ms is missing", "latency: {side: source, broker: 1, ms: 200}");
                }

                RequireBrokerFaults(scenario, side, parameters);
                return new BrokerFault(id, parameters.Name, side, selector, latency);
            }

            case FaultAction.Errors:
            {
                var side = parameters.Side();
                var api = parameters.Text("api");
                if (api is null || !EmbeddedKafkaCluster.IsApiName(api))
                {
                    parameters.Error(api is null ? "api is missing" : $"api '{api}' is not a Kafka API", "api: Produce, Fetch, Metadata, OffsetCommit, JoinGroup, ...");
                }

                var code = parameters.Int("code", 0, -1);
                if (parameters.Text("code") is null)
                {
                    parameters.Error("code is missing", "code: a Kafka error code such as 6 (NOT_LEADER_OR_FOLLOWER) or 7 (REQUEST_TIMED_OUT)");
                }

                var count = parameters.Int("count", 1, 1);
                var selector = parameters.Text("broker") is null && parameters.Text("leaderOf") is null ? null : BrokerSelector.Parse(parameters);
                RequireBrokerFaults(scenario, side, parameters);
                return new ErrorsFault(id, side, api ?? "Produce", (short)code, count, selector);
            }

            case FaultAction.MoveLeader:
            {
                var side = parameters.Side();
                var topic = parameters.Text("topic");
                var partition = parameters.Int("partition", 0, 0);
                var spec2 = scenario.Topics.FirstOrDefault(t => t.Name == topic);
                if (spec2 is null)
                {
                    parameters.Error(topic is null ? "topic is missing" : $"topic '{topic}' is not a topic of this scenario", $"topic: one of {string.Join(", ", scenario.Topics.Select(t => t.Name))}");
                }
                else if (partition >= spec2.Partitions)
                {
                    parameters.Error($"partition {partition} does not exist; '{topic}' has {spec2.Partitions}", $"partition: 0..{spec2.Partitions - 1}");
                }

                RequireBrokerFaults(scenario, side, parameters);
                return new MoveLeaderFault(id, side, topic ?? "", partition);
            }

            case FaultAction.KillReplicator or FaultAction.PauseReplicator or FaultAction.RestartReplicator:
                if (!scenario.Replicator.Capabilities.ProcessFaults)
                {
                    parameters.Error($"replicator kind {scenario.Replicator.Kind} cannot be killed, paused or restarted by the harness", "a replicator kind with process control, or remove this fault");
                }

                return new ReplicatorFault(id, parameters.Name, scenario.Replicator.Grace);

            case FaultAction.HeapPressure:
            {
                var limit = parameters.Int("limitMiB", 0, 32);
                if (parameters.Text("limitMiB") is null)
                {
                    parameters.Error("limitMiB is missing", "heapPressure: {limitMiB: 256, fraction: 0.9, over: 20s}");
                }

                var ballastShaped = parameters.Text("fraction") is not null || parameters.Text("over") is not null;
                var fraction = parameters.Fraction("fraction", 0.9, max: 4); // above 1 the ballast alone exceeds the limit: a sure out-of-memory
                var over = parameters.Duration("over", TimeSpan.FromSeconds(30));
                var capabilities = scenario.Replicator.Capabilities;
                if (!capabilities.HeapLimit)
                {
                    parameters.Error(
                        $"heap pressure needs the built-in replicator's control endpoint or a heap limit the harness sets; replicator kind {scenario.Replicator.Kind} has none",
                        "a replicator kind whose heap the harness limits (builtin; mm2 through KAFKA_HEAP_OPTS), or remove this fault");
                }
                else if (!capabilities.HeapBallast && ballastShaped)
                {
                    // Silently dropping fraction and over would rehearse a milder fault than the scenario says.
                    parameters.Error(
                        $"replicator kind {scenario.Replicator.Kind} has no heap ballast, so fraction and over cannot be honoured; it runs with a {limit} MiB heap and the load is the pressure",
                        "heapPressure: {limitMiB: 256} without fraction and over, or a replicator kind with a ballast (builtin)");
                }

                return new HeapPressureFault(id, limit, fraction, over, capabilities.HeapBallast);
            }

            case FaultAction.RestartConnector or FaultAction.RestartTask or FaultAction.PauseConnector:
            {
                var roles = ConnectorRoles.For(scenario);
                var name = parameters.Text("connector") ?? parameters.Text("value");
                var role = name is null ? null : ConnectorRoles.Resolve(name, roles);
                if (!scenario.Replicator.Capabilities.Connectors)
                {
                    parameters.Error($"replicator kind {scenario.Replicator.Kind} runs no Kafka Connect connectors", "replicator kind connect, or remove this fault");
                }
                else if (role is null)
                {
                    parameters.Error(name is null ? "connector is missing" : $"connector '{name}' is not one this run submits", $"connector: one of {string.Join(", ", roles)} (a volume class such as high stands for source-high)");
                }

                // A task beyond tasks.max is Connect's to refuse (404): the fault is then recorded as failed.
                var task = spec.Action == FaultAction.RestartTask ? parameters.Int("task", 0, 0) : 0;
                return new ConnectorFault(id, parameters.Name, role ?? "", task);
            }

            case FaultAction.KillWorker:
            {
                var worker = parameters.Text("worker") is not null ? parameters.Int("worker", 1, 1) : parameters.Int("value", 1, 1);
                if (scenario.Replicator.Capabilities.Workers is not { } workers)
                {
                    parameters.Error($"replicator kind {scenario.Replicator.Kind} has no Connect workers the harness started", "replicator kind connect with kafkaHome/workers, or remove this fault");
                }
                else if (worker > workers)
                {
                    parameters.Error($"worker {worker} does not exist; the harness starts {workers}", $"worker: 1..{workers}");
                }

                return new ConnectorFault(id, parameters.Name, "", worker);
            }

            case FaultAction.Compact:
            {
                var side = parameters.Side();
                var topic = parameters.Text("topic") ?? parameters.Text("value");
                if (scenario.Topics.All(t => t.Name != topic))
                {
                    parameters.Error(topic is null ? "topic is missing" : $"topic '{topic}' is not a topic of this scenario", $"topic: one of {string.Join(", ", scenario.Topics.Select(t => t.Name))}");
                }

                var cluster = (side == "target" ? scenario.Clusters.Target : scenario.Clusters.Source).Capabilities;
                if (!cluster.Compaction)
                {
                    parameters.Error($"the {side} cluster {cluster.Description} and cannot compact on demand", $"an embedded {side} cluster, or remove this fault");
                }

                return new CompactFault(id, side, topic ?? "");
            }

            case FaultAction.StragglerProducer:
            {
                var app = AppParameter(scenario, parameters, a => a.Producer is not null, "producers");
                var rate = parameters.Int("rate", 20, 1);
                long? records = parameters.Text("records") is null ? null : parameters.Int("records", 1, 1);
                return new StragglerProducerFault(id, app, rate, records);
            }

            case FaultAction.RollingRestart:
            {
                var app = AppParameter(scenario, parameters, a => a.Consumer is not null, "consumers");
                return new RollingRestartFault(id, app, parameters.Duration("every", TimeSpan.FromSeconds(1)));
            }

            default:
                parameters.Error($"action {spec.Action} is not supported", "one of the fault actions listed in docs/scenarios.md");
                return null;
        }
    }

    /// <summary>The app a fault acts on (<c>app</c>, or a plain value), which must have <paramref name="what"/>.</summary>
    private static string AppParameter(Scenario scenario, FaultParameters parameters, Func<AppSpec, bool> fits, string what)
    {
        var name = parameters.Text("app") ?? parameters.Text("value");
        var known = scenario.Apps.Where(fits).Select(a => a.Name).ToList();
        if (name is null || !known.Contains(name))
        {
            parameters.Error(name is null ? "app is missing" : $"'{name}' is no app with {what}", known.Count == 0 ? $"an app with {what} under apps" : "app: one of " + string.Join(", ", known));
        }

        return name ?? "";
    }

    private static void CheckLeaderTopic(Scenario scenario, BrokerSelector selector, FaultParameters parameters)
    {
        if (selector.LeaderTopic is { } topic && scenario.Topics.FirstOrDefault(t => t.Name == topic) is not { } spec)
        {
            parameters.Error($"leaderOf names '{topic}', which is not a topic of this scenario", $"leaderOf: one of {string.Join(", ", scenario.Topics.Select(t => t.Name))} followed by /partition");
        }
        else if (selector.LeaderTopic is { } name && scenario.Topics.First(t => t.Name == name).Partitions <= selector.LeaderPartition)
        {
            parameters.Error($"leaderOf names partition {selector.LeaderPartition} of '{name}', which does not exist", "an existing partition");
        }
    }

    private static void RequireBrokerFaults(Scenario scenario, string side, FaultParameters parameters)
    {
        var cluster = (side == "target" ? scenario.Clusters.Target : scenario.Clusters.Source).Capabilities;
        if (!cluster.BrokerFaults)
        {
            parameters.Error($"the {side} cluster {cluster.Description} and cannot inject broker faults", $"an embedded {side} cluster or containers with image: harness, or remove this fault");
        }
        else if (parameters.Text("broker") is { } broker && int.TryParse(broker, out var id) && cluster.Brokers is { } count && id > count)
        {
            parameters.Error($"broker {id} does not exist; the {side} cluster has {count}", $"broker: 1..{count} or random");
        }
    }
}
