using Harness.Engine.Replicators.Metrics;
using Harness.Engine.Replicators.Mm2;
using Harness.Engine.Scenarios;
using Harness.Engine.Scenarios.Parsing;

namespace Harness.Engine.Replicators.Connect;

/// <summary>
/// <c>kind: connect</c>: MirrorMaker 2's connectors on a Kafka Connect cluster, submitted, watched and removed over
/// Connect's REST API. Either a cluster that exists (<c>url</c>) or workers the harness starts with
/// <c>bin/connect-distributed.sh</c> from a Kafka distribution (<c>kafkaHome</c> or <c>KAFKA_HOME</c>, <c>workers</c>).
/// </summary>
public sealed class ConnectReplicatorDriver : IReplicatorDriver
{
    private static readonly string[] ConnectorKeys =
        ["high", "medium", "low", ConnectorRoles.UntaggedSource, ConnectorRoles.Checkpoint, ConnectorRoles.Heartbeat];

    private readonly Func<string, string?> _environment;

    /// <summary>A driver that finds <c>KAFKA_HOME</c> in the harness's environment.</summary>
    public ConnectReplicatorDriver()
        : this(Environment.GetEnvironmentVariable)
    {
    }

    /// <summary>A driver that reads <c>KAFKA_HOME</c> through <paramref name="environment"/>.</summary>
    public ConnectReplicatorDriver(Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        _environment = environment;
    }

    /// <inheritdoc/>
    public string Kind => "connect";

    /// <inheritdoc/>
    public IReadOnlyList<string> Keys { get; } = ["url", "kafkaHome", "workers", "tasks", "connectors", "heap", "metrics"];

    /// <inheritdoc/>
    public IReplicatorSettings? Read(MappingReader section)
    {
        var errors = section.Context.Errors.Count;
        var url = HttpUrl(section, section, "url", "the REST URL of a running Kafka Connect cluster, such as http://connect:8083");
        if (url is not null)
        {
            foreach (var key in new[] { "kafkaHome", "workers", "heap" }.Where(section.Contains))
            {
                section.Context.Report(section.KeyNode(key)!, $"{section.PathOf(key)} is given with replicator.url",
                    "url for a Connect cluster that exists, or kafkaHome/workers/heap for workers the harness starts; not both");
            }
        }

        string? kafkaHome = null;
        if (section.Contains("kafkaHome"))
        {
            kafkaHome = section.Text("kafkaHome", required: true, expected: "the folder of an unpacked Kafka distribution, or no kafkaHome to use KAFKA_HOME");
            if (kafkaHome is not null && string.IsNullOrWhiteSpace(kafkaHome))
            {
                section.Context.Report(section.Find("kafkaHome")!, $"{section.PathOf("kafkaHome")} is empty", "the folder of an unpacked Kafka distribution, or no kafkaHome to use KAFKA_HOME");
            }
        }

        var workers = (int?)section.Integer("workers", 1, 64);
        var tasks = (int?)section.Integer("tasks", 1, 10_000);
        int? heap = null;
        if (section.Text("heap", expected: JvmHeapSize.Expected) is { } heapText)
        {
            heap = JvmHeapSize.TryParseMiB(heapText);
            if (heap is null)
            {
                section.Context.Report(section.Find("heap")!, $"{section.PathOf("heap")} is '{heapText}'", JvmHeapSize.Expected);
            }
        }

        var connectors = ReadConnectors(section);
        Uri? prometheus = null;
        if (section.Mapping("metrics", ["prometheus"], "a mapping such as {prometheus: http://connect-host:9404/metrics}") is { } metrics)
        {
            prometheus = HttpUrl(section, metrics, "prometheus", "an http(s) URL of a Prometheus endpoint, such as http://connect-host:9404/metrics", required: true);
        }

        if (section.Context.Errors.Count > errors)
        {
            return null;
        }

        return new ConnectReplicatorSettings
        {
            Url = url,
            KafkaHome = kafkaHome,
            Workers = url is null ? workers ?? 1 : 0,
            Tasks = tasks,
            Connectors = connectors,
            HeapMiB = heap,
            Prometheus = prometheus,
        };
    }

    /// <inheritdoc/>
    public IReplicator Create(ReplicatorLaunch launch)
    {
        ArgumentNullException.ThrowIfNull(launch);
        var settings = (ConnectReplicatorSettings)launch.Scenario.Replicator.Settings;
        var plan = ConnectorPlan.For(launch, settings);
        ConnectWorkers? workers = null;
        var url = settings.Url;
        if (settings.StartsWorkers)
        {
            var script = KafkaDistribution.Find(KafkaDistribution.ConnectScript, "connect", settings.KafkaHome, _environment("KAFKA_HOME"));
            int?[] limits = [settings.HeapMiB, launch.HeapLimitMiB];
            workers = ConnectWorkers.Create(launch, script, settings.Workers, limits.Min() is { } mib ? JvmHeapSize.Options(mib) : null, plan.Prefix);
            url = workers.RestUrl;
        }

        var metrics = settings.Prometheus is { } endpoint ? new PrometheusScraper(endpoint) : null;
        return new ConnectReplicator(new ConnectRestClient(url!), plan, workers, metrics, launch.LogPath, launch.Options.SampleInterval, TimeProvider.System);
    }

    private static Dictionary<string, ConnectorTuning> ReadConnectors(MappingReader section)
    {
        var tuning = new Dictionary<string, ConnectorTuning>(StringComparer.Ordinal);
        const string Expected = "a mapping by volume class or role, such as {high: {tasks: 8}, medium: {tasks: 2}, low: {tasks: 1}}";
        if (section.Mapping("connectors", ConnectorKeys, Expected) is not { } connectors)
        {
            return tuning;
        }

        foreach (var key in ConnectorKeys.Where(connectors.Contains))
        {
            if (connectors.Mapping(key, ["tasks", "properties"], "a mapping such as {tasks: 4, properties: {consumer.max.poll.records: \"2000\"}}") is { } one)
            {
                var tasks = (int?)one.Integer("tasks", 1, 10_000);
                var properties = one.StringMap("properties", "a mapping of connector config keys to values");
                tuning[key is "high" or "medium" or "low" ? "source-" + key : key] = new ConnectorTuning(tasks, properties);
            }
        }

        return tuning;
    }

    private static Uri? HttpUrl(MappingReader section, MappingReader where, string key, string expected, bool required = false)
    {
        if (where.Text(key, required, expected) is not { } text)
        {
            return null;
        }

        if (Uri.TryCreate(text.Trim(), UriKind.Absolute, out var url) && (url.Scheme == Uri.UriSchemeHttp || url.Scheme == Uri.UriSchemeHttps) && url.Host.Length > 0)
        {
            return url;
        }

        section.Context.Report(where.Find(key)!, $"{where.PathOf(key)} is '{text}'", expected);
        return null;
    }
}
