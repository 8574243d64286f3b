using System.Text.Json;
using Harness.Replicator.Tests.Support;
using Harness.Testing;

namespace Harness.Replicator.Tests.Host;

/// <summary>The executable and its fixed process contract: arguments, exit codes, signals, state and metrics files.</summary>
[Category("Integration")]
public sealed class HostProcessTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(40);

    [Test]
    public async Task Sigkill_mid_run_then_restart_loses_nothing()
    {
        await using var clusters = TwoClusters.Start();
        clusters.Source.CreateTopic("stream", 4);
        var state = TempDirectory.Create();
        var config = HostProcess.WriteProperties(state, clusters.Properties(("tasks.max", "2")));
        const int Total = 60_000;
        // Produced over a few seconds, so the kill lands mid-stream, after progress has been saved at least once.
        var producing = Task.Run(async () =>
        {
            for (var start = 0; start < Total; start += 2000)
            {
                Records.Produce(clusters.Source, "stream", 4, 2000, start, valueBytes: 200);
                await Task.Delay(100);
            }
        });
        using (var first = HostProcess.Start("--config", config, "--state-dir", Path.Combine(state, "state")))
        {
            await Eventually.TrueAsync(() => SavedRecords(clusters) >= Total / 8 && Records.Total(clusters.Target, "source.stream", 4) >= Total / 4,
                Timeout, $"a quarter is replicated and some progress was saved before the kill\n{first}");
            first.Kill();
            await first.WaitForExitAsync(Timeout);
        }

        await producing;
        var atKill = Records.Total(clusters.Target, "source.stream", 4);
        atKill.Should().BeLessThan(Total, "the kill came mid-run");
        using var second = HostProcess.Start("--config", config, "--state-dir", Path.Combine(state, "state"));
        var sequences = new HashSet<int>();
        await Eventually.TrueAsync(() =>
        {
            if (Records.Total(clusters.Target, "source.stream", 4) < Total)
            {
                return false;
            }

            sequences = Records.ReadAll(clusters.Target, "source.stream", 4).Values.SelectMany(r => r).Select(Records.Sequence).ToHashSet();
            return sequences.Count == Total;
        }, Timeout, $"every source record is in the target after the restart\n{second}");

        var duplicates = Records.Total(clusters.Target, "source.stream", 4) - Total;
        await TestContext.Out.WriteLineAsync($"{atKill} in the target at the kill, {duplicates} re-copied after the restart");
        sequences.Should().HaveCount(Total, "0 lost");
        duplicates.Should().BeLessThan(atKill, "the restart resumes from the saved progress, not from the beginning");
        second.Terminate();
        (await second.WaitForExitAsync(Timeout)).Should().Be(0);
    }

    [Test]
    public async Task Run_twice_from_one_folder_against_two_fresh_cluster_pairs_copies_everything_both_times()
    {
        // The folder the issue ran in: the default --state-dir (./replicator-state) is the same for both runs.
        var folder = TempDirectory.Create();
        for (var run = 1; run <= 2; run++)
        {
            await using var clusters = TwoClusters.Start();
            clusters.Source.CreateTopic("t", 2);
            Records.Produce(clusters.Source, "t", 2, 1000);
            var config = HostProcess.WriteProperties(folder, clusters.Properties());
            using var host = HostProcess.StartIn(folder, "--config", config);

            await Eventually.TrueAsync(() => clusters.Target.TopicNames.Contains("source.t") && Records.Total(clusters.Target, "source.t", 2) == 1000,
                Timeout, $"run {run} copies every record to its fresh target\n{host}");
            host.Terminate();
            (await host.WaitForExitAsync(Timeout)).Should().Be(0, host.ToString());
            host.StandardError.Should().Contain(l => l.Contains("no progress in mm2-offsets.source.internal", StringComparison.Ordinal), $"run {run} starts fresh");
            Mm2Topics.Progress(clusters.Target).Should().BeEquivalentTo(new Dictionary<(string, int), long> { [("t", 0)] = 499, [("t", 1)] = 499 }, $"run {run} keeps its progress in its own target");
        }

        Directory.GetFiles(Path.Combine(folder, "replicator-state")).Should().BeEmpty("no copy progress is kept in the working directory");
    }

    [Test]
    public async Task Sigterm_flushes_writes_offset_syncs_saves_progress_and_exits_0()
    {
        await using var clusters = TwoClusters.Start();
        clusters.Source.CreateTopic("t", 2);
        Records.Produce(clusters.Source, "t", 2, 1000);
        var state = TempDirectory.Create();
        var stateDir = Path.Combine(state, "state");
        var metricsFile = Path.Combine(state, "metrics.jsonl");
        var metricsPort = FreePort();
        // Commits (progress and delayed offset syncs) only at the stop, so what is found afterwards is the stop's work.
        var config = HostProcess.WriteProperties(state, clusters.Properties(("offset.flush.interval.ms", "600000"), ("offset.lag.max", "1000000")));
        using var host = HostProcess.Start("--config", config, "--state-dir", stateDir, "--metrics-file", metricsFile,
            "--metrics-port", metricsPort.ToString(System.Globalization.CultureInfo.InvariantCulture), "--metrics-interval-ms", "200");
        var portFile = Path.Combine(stateDir, "control.port");
        await Eventually.TrueAsync(() => File.Exists(portFile), Timeout, $"the control port is written\n{host}");
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{File.ReadAllText(portFile).Trim()}/") };
        await Eventually.TrueAsync(() => clusters.Target.TopicNames.Contains("source.t") && Records.Total(clusters.Target, "source.t", 2) == 1000, Timeout, $"t is replicated\n{host}");
        await Eventually.TrueAsync(async () => JsonDocument.Parse(await http.GetStringAsync("status")).RootElement.GetProperty("records").GetInt64() == 1000, Timeout, "status counts every record");
        // The first syncs go out on their own producer, which a busy machine may not have flushed when the records are in.
        await Eventually.TrueAsync(() => Mm2Topics.OffsetSyncs(clusters.Source).Count >= 2, Timeout, $"each partition's first record is synced\n{host}");
        Mm2Topics.OffsetSyncs(clusters.Source).Select(s => s.UpstreamOffset).Should().Equal([0, 0], "only each partition's first record is synced before a commit");
        Mm2Topics.SourceOffsets(clusters.Target).Should().BeEmpty("nothing was committed yet");
        var prometheus = await new HttpClient().GetStringAsync(new Uri($"http://127.0.0.1:{metricsPort}/metrics"));
        prometheus.Should().Contain("kafka_connect_mirror_record_count{source=\"source\",target=\"target\",topic=\"t\",partition=\"0\"} 500");
        host.StandardError.Should().Contain(l => l.Contains($"http://127.0.0.1:{metricsPort}/metrics", StringComparison.Ordinal));

        host.Terminate();
        (await host.WaitForExitAsync(Timeout)).Should().Be(0, host.ToString());

        Mm2Topics.Progress(clusters.Target).Should().BeEquivalentTo(new Dictionary<(string, int), long> { [("t", 0)] = 499, [("t", 1)] = 499 });
        Directory.GetFiles(stateDir).Should().BeEmpty("no copy progress is kept in the working directory");
        Mm2Topics.OffsetSyncs(clusters.Source).Where(s => s.UpstreamOffset == 499).Should().HaveCount(2, "the stop writes each partition's latest sync");
        File.Exists(portFile).Should().BeFalse("a stopped replicator leaves no port to call");
        var lines = File.ReadAllLines(metricsFile);
        lines.Length.Should().BeGreaterThan(1);
        using var last = JsonDocument.Parse(lines[^1]);
        var root = last.RootElement;
        foreach (var field in new[] { "time", "record-count", "rss-bytes", "gc-heap-bytes", "gc-heap-limit-bytes", "gc-count", "partitions", "record-rate", "byte-rate", "checkpoints" })
        {
            root.TryGetProperty(field, out _).Should().BeTrue($"the metrics line has {field}");
        }

        root.GetProperty("record-count").GetInt64().Should().Be(1000);
        var partition = root.GetProperty("partitions").EnumerateArray().Single(p => p.GetProperty("partition").GetInt32() == 1);
        partition.GetProperty("topic").GetString().Should().Be("t");
        partition.GetProperty("record-count").GetInt64().Should().Be(500);
        partition.GetProperty("byte-count").GetInt64().Should().Be(500 * 20);
        foreach (var field in new[] { "replication-latency-ms-avg", "replication-latency-ms-max", "record-age-ms", "record-age-ms-max", "record-rate", "byte-rate", "lag" })
        {
            partition.TryGetProperty(field, out _).Should().BeTrue($"a partition has {field}");
        }
    }

    [Test]
    public async Task From_env_with_set_builds_the_flow_and_the_parent_watchdog_stops_it_cleanly()
    {
        await using var clusters = TwoClusters.Start();
        clusters.Source.CreateTopic("a.b", 2);
        clusters.Source.CreateTopic("other", 1);
        Records.Produce(clusters.Source, "a.b", 2, 100);
        using var parent = System.Diagnostics.Process.Start("sleep", "30");
        var environment = new Dictionary<string, string>
        {
            ["HARNESS_SOURCE_BOOTSTRAP"] = clusters.Source.BootstrapServers,
            ["HARNESS_TARGET_BOOTSTRAP"] = clusters.Target.BootstrapServers,
            ["HARNESS_TOPICS"] = "a.b",
            ["HARNESS_SOURCE_ALIAS"] = "east",
            ["HARNESS_TARGET_ALIAS"] = "west",
            ["HARNESS_POLICY"] = "identity",
            ["HARNESS_PARENT_PID"] = parent.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        using var host = HostProcess.Start(environment, "--from-env", "--set", "emit.heartbeats.enabled=false", "--state-dir", Path.Combine(TempDirectory.Create(), "state"));

        await Eventually.TrueAsync(() => clusters.Target.TopicNames.Contains("a.b") && Records.Total(clusters.Target, "a.b", 2) == 100, Timeout, $"a.b is replicated under its own name\n{host}");
        clusters.Target.TopicNames.Should().NotContain(["other", "heartbeats"], "HARNESS_TOPICS names the topics exactly, and --set turned heartbeats off");
        parent.Kill();
        (await host.WaitForExitAsync(Timeout)).Should().Be(0, $"a replicator whose harness is gone stops cleanly\n{host}");
        host.StandardError.Should().Contain(l => l.Contains($"parent process {parent.Id} is gone", StringComparison.Ordinal));
    }

    [Test]
    public async Task A_replicator_whose_parent_and_clusters_are_gone_exits_within_seconds_not_flush_timeouts()
    {
        var clusters = TwoClusters.Start();
        clusters.Source.CreateTopic("gone", 2);
        Records.Produce(clusters.Source, "gone", 2, 100);
        using var parent = System.Diagnostics.Process.Start("sleep", "60");
        var environment = new Dictionary<string, string>
        {
            ["HARNESS_SOURCE_BOOTSTRAP"] = clusters.Source.BootstrapServers,
            ["HARNESS_TARGET_BOOTSTRAP"] = clusters.Target.BootstrapServers,
            ["HARNESS_TOPICS"] = "gone",
            ["HARNESS_POLICY"] = "identity",
            ["HARNESS_PARENT_PID"] = parent.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        using var host = HostProcess.Start(environment, "--from-env", "--state-dir", Path.Combine(TempDirectory.Create(), "state"));
        await Eventually.TrueAsync(() => clusters.Target.TopicNames.Contains("gone") && Records.Total(clusters.Target, "gone", 2) == 100, Timeout, $"gone is replicated\n{host}");

        // As when a harness with embedded clusters is SIGKILLed: the brokers vanish with the parent.
        await clusters.DisposeAsync();
        parent.Kill();

        (await host.WaitForExitAsync(TimeSpan.FromSeconds(25))).Should().BeOneOf([0, 1], $"an orphaned replicator ends within its grace, not after 30 s flush timeouts per client\n{host}");
        host.StandardError.Should().Contain(l => l.Contains($"parent process {parent.Id} is gone", StringComparison.Ordinal));
    }

    [TestCase("bogus.key = 1", "line 5: unknown key 'bogus.key'")]
    [TestCase("tasks.max = none", "tasks.max=none: expected an integer")]
    [TestCase("tasks.max = 0", "tasks.max=0: expected 1 to")]
    [TestCase("offset-syncs.topic.location = middle", "offset-syncs.topic.location=middle: expected source or target")]
    [TestCase("topics = (unclosed", "topics=(unclosed: not a valid regular expression")]
    [TestCase("harness.sabotage.explode.every = 3", "unknown sabotage key 'harness.sabotage.explode.every'")]
    [TestCase("topic.filter.class = com.example.MyFilter", "custom filter classes are not supported")]
    [TestCase("source.consumer.no.such.property = 1", "source consumer settings: librdkafka refuses them")]
    public async Task Bad_properties_exit_2_with_one_line(string line, string expected)
    {
        var state = TempDirectory.Create();
        var config = Path.Combine(state, "mm2.properties");
        await File.WriteAllLinesAsync(config, ["clusters = source, target", "source.bootstrap.servers = 127.0.0.1:1", "target.bootstrap.servers = 127.0.0.1:1", "source->target.enabled = true", line, "admin.timeout.ms = 500"]);
        using var host = HostProcess.Start("--config", config, "--state-dir", Path.Combine(state, "state"));
        (await host.WaitForExitAsync(Timeout)).Should().Be(2, host.ToString());
        var errors = host.StandardError.Where(l => !l.Contains("warning:", StringComparison.Ordinal)).ToList();
        errors.Should().ContainSingle(host.ToString()).Which.Should().StartWith("harness-replicator: ").And.Contain(expected);
    }

    [TestCase("--bogus")]
    [TestCase("--config", "/nonexistent/mm2.properties")]
    [TestCase("--from-env")]
    [TestCase("--config", "a", "--control-port", "99999")]
    [TestCase("--config", "a", "--from-env")]
    [TestCase("--config", "a", "--set", "no-equals-sign")]
    [TestCase("--config", "a", "--metrics-interval-ms", "5")]
    [TestCase("--config")]
    public async Task Bad_arguments_exit_2_with_one_line(params string[] arguments)
    {
        using var host = HostProcess.Start(arguments);
        (await host.WaitForExitAsync(Timeout)).Should().Be(2, host.ToString());
        host.StandardError.Should().ContainSingle(host.ToString()).Which.Should().StartWith("harness-replicator: ");
    }

    [Test]
    public async Task Help_lists_every_option_and_the_exit_codes_and_exits_0()
    {
        using var host = HostProcess.Start("--help");
        (await host.WaitForExitAsync(Timeout)).Should().Be(0, host.ToString());
        var help = string.Join('\n', host.StandardOutput);
        foreach (var option in new[] { "--config", "--from-env", "--set", "--flow", "--state-dir", "--metrics-file", "--metrics-interval-ms", "--metrics-port", "--control-port" })
        {
            help.Should().Contain(option);
        }

        help.Should().Contain("2 bad configuration, 3 a cluster could not be reached");
        host.StandardError.Should().BeEmpty();
    }

    [Test]
    public async Task A_control_port_in_use_exits_2_with_one_line_naming_the_option()
    {
        using var taken = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        taken.Start();
        var port = ((System.Net.IPEndPoint)taken.LocalEndpoint).Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var state = TempDirectory.Create();
        var config = Path.Combine(state, "mm2.properties");
        await File.WriteAllLinesAsync(config, ["clusters = a, b", "a.bootstrap.servers = 127.0.0.1:1", "b.bootstrap.servers = 127.0.0.1:1", "a->b.enabled = true"]);

        using var host = HostProcess.Start("--config", config, "--state-dir", Path.Combine(state, "state"), "--control-port", port);

        (await host.WaitForExitAsync(Timeout)).Should().Be(2, host.ToString());
        host.StandardError.Should().ContainSingle(host.ToString()).Which.Should().Contain($"cannot listen on 127.0.0.1:{port}").And.Contain("choose another --control-port");
    }

    [Test]
    public async Task Unreachable_cluster_exits_3()
    {
        var state = TempDirectory.Create();
        var config = Path.Combine(state, "mm2.properties");
        await File.WriteAllLinesAsync(config, ["clusters = a, b", "a.bootstrap.servers = 127.0.0.1:1", "b.bootstrap.servers = 127.0.0.1:1", "a->b.enabled = true", "admin.timeout.ms = 1000"]);
        using var host = HostProcess.Start("--config", config, "--state-dir", Path.Combine(state, "state"));
        (await host.WaitForExitAsync(Timeout)).Should().Be(3, host.ToString());
        host.StandardError.Should().Contain(l => l.Contains("cannot reach cluster 'a' at 127.0.0.1:1", StringComparison.Ordinal));
    }

    /// <summary>Source records the progress saved in the target accounts for.</summary>
    private static long SavedRecords(TwoClusters clusters) => Mm2Topics.Progress(clusters.Target).Values.Sum(offset => offset + 1);

    private static int FreePort()
    {
        var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
