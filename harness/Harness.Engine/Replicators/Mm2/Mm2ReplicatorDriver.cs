using Harness.Engine.Replicators.Metrics;
using Harness.Engine.Runs;
using Harness.Engine.Scenarios;
using Harness.Engine.Scenarios.Parsing;

namespace Harness.Engine.Replicators.Mm2;

/// <summary>
/// <c>kind: mm2</c>: real MirrorMaker 2 in dedicated mode, <c>bin/connect-mirror-maker.sh &lt;run&gt;/mm2.properties</c>
/// from a Kafka distribution (<c>kafkaHome</c>, else <c>KAFKA_HOME</c>), with <c>tasks.max</c> from <c>tasks</c>,
/// replication factors its clusters can hold, and <c>heap</c> (or a heap-pressure fault's limit) as KAFKA_HEAP_OPTS.
/// </summary>
public sealed class Mm2ReplicatorDriver : IReplicatorDriver
{
    private readonly Func<string, string?> _environment;

    /// <summary>A driver that finds <c>KAFKA_HOME</c> in the harness's environment.</summary>
    public Mm2ReplicatorDriver()
        : this(Environment.GetEnvironmentVariable)
    {
    }

    /// <summary>A driver that reads <c>KAFKA_HOME</c> through <paramref name="environment"/>, so a test need not change the process's variables.</summary>
    public Mm2ReplicatorDriver(Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        _environment = environment;
    }

    /// <inheritdoc/>
    public string Kind => "mm2";

    /// <inheritdoc/>
    public IReadOnlyList<string> Keys { get; } = ["kafkaHome", "tasks", "heap", "metrics"];

    /// <inheritdoc/>
    /// <remarks>
    /// The distribution is not looked for here: validation checks the file, and a scenario validated where Kafka is not
    /// installed must still pass. A missing script is an environment error when the run starts the replicator.
    /// </remarks>
    public IReplicatorSettings? Read(MappingReader section)
    {
        var valid = true;
        // An empty kafkaHome would quietly mean KAFKA_HOME; absent says that, empty is a slip.
        const string HomeExpected = "the folder of an unpacked Kafka distribution, or no kafkaHome to use KAFKA_HOME";
        var kafkaHome = section.Text("kafkaHome", required: section.Contains("kafkaHome"), expected: HomeExpected);
        if (kafkaHome is not null && string.IsNullOrWhiteSpace(kafkaHome))
        {
            section.Context.Report(section.Find("kafkaHome")!, $"{section.PathOf("kafkaHome")} is empty", HomeExpected);
            kafkaHome = null;
        }

        valid &= !section.Contains("kafkaHome") || kafkaHome is not null;

        var tasks = section.Integer("tasks", 1, 10_000);
        valid &= section.Find("tasks") is null || tasks is not null;

        int? heap = null;
        if (section.Text("heap", expected: JvmHeapSize.Expected) is { } text)
        {
            heap = JvmHeapSize.TryParseMiB(text);
            if (heap is null)
            {
                section.Context.Report(section.Find("heap")!, $"{section.PathOf("heap")} is '{text}'", JvmHeapSize.Expected);
            }
        }

        valid &= section.Find("heap") is null || heap is not null;
        var prometheus = ReadPrometheus(section);
        valid &= section.Find("metrics") is null || prometheus is not null;
        return valid ? new Mm2ReplicatorSettings(kafkaHome, (int?)tasks, heap, prometheus) : null;
    }

    /// <summary>
    /// <c>metrics: {prometheus: URL}</c>: the JMX exporter's endpoint; null (with the error reported) when absent or wrong.
    /// Only http(s): the harness scrapes it with a plain GET, and anything else would fail on every scrape instead of here.
    /// </summary>
    private static Uri? ReadPrometheus(MappingReader section)
    {
        const string Expected = "an http(s) URL of a Prometheus endpoint, such as http://mm2-host:9404/metrics";
        if (section.Mapping("metrics", ["prometheus"], "a mapping such as {prometheus: http://mm2-host:9404/metrics}") is not { } metrics
            || metrics.Text("prometheus", required: true, expected: Expected) is not { } text)
        {
            return null;
        }

        if (Uri.TryCreate(text.Trim(), UriKind.Absolute, out var url) && (url.Scheme == Uri.UriSchemeHttp || url.Scheme == Uri.UriSchemeHttps) && url.Host.Length > 0)
        {
            return url;
        }

        section.Context.Report(metrics.Find("prometheus")!, $"{metrics.PathOf("prometheus")} is '{text}'", Expected);
        return null;
    }

    /// <inheritdoc/>
    public IReplicator Create(ReplicatorLaunch launch)
    {
        var settings = (Mm2ReplicatorSettings)launch.Scenario.Replicator.Settings;
        var script = KafkaDistribution.MirrorMakerScript(settings.KafkaHome, _environment("KAFKA_HOME"));
        var environment = ReplicatorEnvironment.For(launch);

        // A heap-pressure fault's limit is a smaller heap for a JVM: the smaller of it and the scenario's heap wins.
        int?[] limits = [settings.HeapMiB, launch.HeapLimitMiB];
        if (limits.Min() is { } heap)
        {
            environment["KAFKA_HEAP_OPTS"] = JvmHeapSize.Options(heap);
        }

        var properties = launch.WriteMm2Properties(new Mm2PropertiesOptions { TasksMax = settings.Tasks, CapReplicationFactors = true });
        return new ProcessReplicator(new ReplicatorProcess
        {
            Kind = Kind,
            FileName = script,
            Arguments = [properties],
            Environment = environment,
            LogPath = launch.LogPath,
            Metrics = settings.Prometheus is { } url ? new PrometheusScraper(url) : null,
            WorkingDirectory = Path.GetFullPath(launch.RunDirectory),
            ExplainExit = code => code is 126 or 127
                ? new HarnessException($"{script} could not be run (exit code {code}: not executable, or its interpreter is missing); see {launch.LogPath}", ExitCodes.Environment)
                : null,
        });
    }
}
