using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Confluent.Kafka;
using Harness.Replicator.Connect;
using Harness.Replicator.Tests.Support;
using Harness.Testing;

namespace Harness.Replicator.Tests.Connect;

/// <summary>
/// <c>harness-replicator connect</c> as a process between two embedded clusters, driven over HTTP as a Connect
/// client drives Connect: MirrorMaker 2's three connectors, their states, pause, restart, delete, failures, and a worker
/// killed with SIGKILL and started again.
/// </summary>
[Category("Integration")]
public sealed class ConnectStandInTests
{
    private const string Mirror = "org.apache.kafka.connect.mirror.";
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    [Test]
    public async Task Connectors_posted_over_http_copy_checkpoint_heartbeat_pause_restart_and_delete()
    {
        await using var clusters = TwoClusters.Start();
        clusters.Source.CreateTopic("t", 2);
        Records.Produce(clusters.Source, "t", 2, 1000);
        using (var admin = new AdminClientBuilder(new AdminClientConfig { BootstrapServers = clusters.Source.BootstrapServers }).Build())
        {
            await admin.AlterConsumerGroupOffsetsAsync([new ConsumerGroupTopicPartitionOffsets("g1", [new TopicPartitionOffset("t", 0, 300)])]);
        }

        var folder = TempDirectory.Create();
        var metricsPort = FreePort();
        using var worker = StartWorker(WorkerConfig(folder, clusters), Path.Combine(folder, "state"), "--metrics-port", metricsPort.ToString(CultureInfo.InvariantCulture));
        using var http = await ConnectAsync(worker, Path.Combine(folder, "state"));

        (await PostAsync(http, "mm2-source", Config(clusters, "MirrorSourceConnector", ("tasks.max", "2"), ("topics", "t")))).Should().Be(HttpStatusCode.Created);
        (await PostAsync(http, "mm2-checkpoint", Config(clusters, "MirrorCheckpointConnector", ("groups", "g1"), ("emit.checkpoints.interval.seconds", "1"), ("refresh.groups.interval.seconds", "1")))).Should().Be(HttpStatusCode.Created);
        (await PostAsync(http, "mm2-heartbeat", Config(clusters, "MirrorHeartbeatConnector", ("emit.heartbeats.interval.seconds", "1")))).Should().Be(HttpStatusCode.Created);
        (await PostAsync(http, "mm2-source", Config(clusters, "MirrorSourceConnector"))).Should().Be(HttpStatusCode.Conflict);

        await Eventually.TrueAsync(() => clusters.Target.TopicNames.Contains("source.t") && Records.Total(clusters.Target, "source.t", 2) == 1000, Timeout, $"the source connector copies t\n{worker}");
        await Eventually.TrueAsync(async () => (await TaskStatesAsync(http)).All(c => c.Value.All(s => s == "RUNNING")), Timeout, $"every task is RUNNING\n{worker}");
        (await TaskStatesAsync(http)).Should().BeEquivalentTo(new Dictionary<string, string[]>
        {
            ["mm2-source"] = ["RUNNING", "RUNNING"],
            ["mm2-checkpoint"] = ["RUNNING"],
            ["mm2-heartbeat"] = ["RUNNING"],
        });
        await Eventually.TrueAsync(() => Mm2Topics.Heartbeats(clusters.Target).Count > 0, Timeout, $"the heartbeat connector writes heartbeats\n{worker}");
        await Eventually.TrueAsync(() => Mm2Topics.Checkpoints(clusters.Target).Any(c => c is { Group: "g1", Topic: "source.t", Partition: 0 }), Timeout, $"the checkpoint connector checkpoints g1\n{worker}");
        await Eventually.TrueAsync(() => Mm2Topics.Progress(clusters.Target, "connect-offsets").Values.Sum(o => o + 1) == 1000, Timeout, $"source offsets are kept in the worker's offsets topic\n{worker}");
        Mm2Topics.OffsetSyncs(clusters.Source).Should().NotBeEmpty("the source connector writes offset syncs");
        Mm2Topics.Heartbeats(clusters.Target).Should().OnlyContain(h => h.SourceClusterAlias == "source" && h.TargetClusterAlias == "target");
        var metrics = await new HttpClient().GetStringAsync(new Uri($"http://127.0.0.1:{metricsPort}/metrics"));
        metrics.Should().Contain("kafka_connect_mirror_record_count{source=\"source\",target=\"target\",connector=\"mm2-source\",topic=\"t\",partition=\"0\"} 500")
            .And.Contain("kafka_connect_mirror_heartbeat_total{source=\"source\",target=\"target\",connector=\"mm2-heartbeat\"}");

        (await http.PutAsync(new Uri("connectors/mm2-source/pause", UriKind.Relative), null)).StatusCode.Should().Be(HttpStatusCode.Accepted);
        (await StatusAsync(http, "mm2-source"))["tasks"]!.AsArray().Select(t => t!["state"]!.GetValue<string>()).Should().AllBe("PAUSED");
        Records.Produce(clusters.Source, "t", 2, 100, start: 1000);
        (await http.PutAsync(new Uri("connectors/mm2-source/resume", UriKind.Relative), null)).StatusCode.Should().Be(HttpStatusCode.Accepted);
        await Eventually.TrueAsync(() => Records.Total(clusters.Target, "source.t", 2) == 1100, Timeout, $"a resumed connector copies what came while paused\n{worker}");

        (await http.PostAsync(new Uri("connectors/mm2-source/restart", UriKind.Relative), Json("{}"))).StatusCode.Should().Be(HttpStatusCode.NoContent);
        (await http.PostAsync(new Uri("connectors/mm2-source/tasks/1/restart", UriKind.Relative), Json("{}"))).StatusCode.Should().Be(HttpStatusCode.NoContent);
        await Eventually.TrueAsync(async () => (await TaskStatesAsync(http))["mm2-source"].All(s => s == "RUNNING"), Timeout, $"the restarted connector runs again\n{worker}");
        Records.Produce(clusters.Source, "t", 2, 100, start: 1100);
        await Eventually.TrueAsync(() => Records.Total(clusters.Target, "source.t", 2) >= 1200, Timeout, $"the restarted connector copies on\n{worker}");
        Records.Total(clusters.Target, "source.t", 2).Should().Be(1200, "a graceful restart resumes from the saved offsets, copying nothing twice");

        (await http.DeleteAsync(new Uri("connectors/mm2-heartbeat", UriKind.Relative))).StatusCode.Should().Be(HttpStatusCode.NoContent);
        var gone = await http.GetAsync(new Uri("connectors/mm2-heartbeat", UriKind.Relative));
        gone.StatusCode.Should().Be(HttpStatusCode.NotFound);
        JsonNode.Parse(await gone.Content.ReadAsStringAsync())!["message"]!.GetValue<string>().Should().Be("Connector mm2-heartbeat not found");

        worker.Terminate();
        (await worker.WaitForExitAsync(Timeout)).Should().Be(0, worker.ToString());
        File.Exists(Path.Combine(folder, "state", "rest.port")).Should().BeFalse("a stopped worker leaves no port to call");
    }

    [Test]
    public async Task A_connector_whose_source_is_unreachable_has_FAILED_tasks_with_the_exceptions_trace()
    {
        await using var clusters = TwoClusters.Start();
        var folder = TempDirectory.Create();
        using var worker = StartWorker(WorkerConfig(folder, clusters), Path.Combine(folder, "state"));
        using var http = await ConnectAsync(worker, Path.Combine(folder, "state"));

        var config = Config(clusters, "MirrorSourceConnector", ("source.cluster.bootstrap.servers", "127.0.0.1:1"), ("admin.timeout.ms", "500"));
        (await PostAsync(http, "down", config)).Should().Be(HttpStatusCode.Created);

        await Eventually.TrueAsync(async () => (await TaskStatesAsync(http))["down"].Single() == "FAILED", Timeout, $"the task fails\n{worker}");
        var task = (await StatusAsync(http, "down"))["tasks"]![0]!;
        task["trace"]!.GetValue<string>().Should().StartWith("Harness.Replicator.Source.ClusterUnreachableException: cannot reach cluster 'source' at 127.0.0.1:1");
        task["worker_id"]!.GetValue<string>().Should().Be($"127.0.0.1:{http.BaseAddress!.Port}");
        worker.Terminate();
        (await worker.WaitForExitAsync(Timeout)).Should().Be(0, worker.ToString());
    }

    [Test]
    public async Task A_worker_killed_with_SIGKILL_and_started_again_runs_its_connectors_from_the_config_topic()
    {
        await using var clusters = TwoClusters.Start();
        clusters.Source.CreateTopic("t", 2);
        Records.Produce(clusters.Source, "t", 2, 1000);
        var folder = TempDirectory.Create();
        var workerConfig = WorkerConfig(folder, clusters);
        using (var first = StartWorker(workerConfig, Path.Combine(folder, "first")))
        {
            using var http = await ConnectAsync(first, Path.Combine(folder, "first"));
            (await PostAsync(http, "src", Config(clusters, "MirrorSourceConnector", ("topics", "t")))).Should().Be(HttpStatusCode.Created);
            (await PostAsync(http, "hb", Config(clusters, "MirrorHeartbeatConnector"))).Should().Be(HttpStatusCode.Created);
            (await http.PutAsync(new Uri("connectors/hb/pause", UriKind.Relative), null)).StatusCode.Should().Be(HttpStatusCode.Accepted);
            await Eventually.TrueAsync(() => Mm2Topics.Progress(clusters.Target, "connect-offsets").Values.Sum(o => o + 1) == 1000, Timeout, $"everything is copied and its offsets saved\n{first}");

            using var second = StartWorker(workerConfig, Path.Combine(folder, "second"));
            (await second.WaitForExitAsync(Timeout)).Should().Be(2, second.ToString());
            second.StandardError.Should().ContainSingle(l => l.StartsWith("harness-replicator: ", StringComparison.Ordinal) && l.Contains("one worker per Connect group", StringComparison.Ordinal), second.ToString());

            first.Kill();
            await first.WaitForExitAsync(Timeout);
        }

        using var again = StartWorker(workerConfig, Path.Combine(folder, "again"));
        using var client = await ConnectAsync(again, Path.Combine(folder, "again"));
        (JsonNode.Parse(await client.GetStringAsync(new Uri("connectors", UriKind.Relative)))!.AsArray().Select(n => n!.GetValue<string>())).Should().Equal("src", "hb");
        await Eventually.TrueAsync(async () => (await TaskStatesAsync(client))["src"].Single() == "RUNNING", Timeout, $"the source connector runs again\n{again}");
        (await TaskStatesAsync(client))["hb"].Should().Equal(["PAUSED"], "a paused connector stays paused");
        Records.Produce(clusters.Source, "t", 2, 500, start: 1000);
        await Eventually.TrueAsync(() => Records.Total(clusters.Target, "source.t", 2) >= 1500, Timeout, $"the source connector copies on\n{again}");
        Records.ReadAll(clusters.Target, "source.t", 2).Values.SelectMany(r => r).Select(Records.Sequence).Should().OnlyHaveUniqueItems("it resumed from its saved offsets");
        again.Terminate();
        (await again.WaitForExitAsync(Timeout)).Should().Be(0, again.ToString());
    }

    [Test]
    public async Task Source_offsets_go_to_the_workers_cluster_even_when_it_is_not_the_target()
    {
        await using var clusters = TwoClusters.Start();
        clusters.Source.CreateTopic("t", 2);
        Records.Produce(clusters.Source, "t", 2, 200);
        var folder = TempDirectory.Create();
        using var worker = StartWorker(TempDirectory.Create(), Path.Combine(folder, "state"), "--bootstrap-servers", clusters.Source.BootstrapServers, "--port", "0");
        using var http = await ConnectAsync(worker, Path.Combine(folder, "state"));

        (await PostAsync(http, "src", Config(clusters, "MirrorSourceConnector", ("topics", "t")))).Should().Be(HttpStatusCode.Created);

        await Eventually.TrueAsync(() => Mm2Topics.Progress(clusters.Source, "connect-offsets").Values.Sum(o => o + 1) == 200, Timeout, $"the offsets are in the worker's (source) cluster\n{worker}");
        Records.Total(clusters.Target, "source.t", 2).Should().Be(200);
        clusters.Target.TopicNames.Should().NotContain("connect-offsets");
        worker.Terminate();
        (await worker.WaitForExitAsync(Timeout)).Should().Be(0, worker.ToString());
    }

    [Test]
    public async Task A_worker_whose_parent_is_gone_stops_its_connectors_and_exits_0()
    {
        await using var clusters = TwoClusters.Start();
        using var parent = System.Diagnostics.Process.Start("sleep", "60");
        var folder = TempDirectory.Create();
        using var worker = HostProcess.Start(
            new Dictionary<string, string> { ["HARNESS_PARENT_PID"] = parent.Id.ToString(CultureInfo.InvariantCulture) },
            "connect", "--bootstrap-servers", clusters.Target.BootstrapServers, "--port", "0", "--state-dir", Path.Combine(folder, "state"));
        using var http = await ConnectAsync(worker, Path.Combine(folder, "state"));
        (await PostAsync(http, "hb", Config(clusters, "MirrorHeartbeatConnector"))).Should().Be(HttpStatusCode.Created);
        await Eventually.TrueAsync(async () => (await TaskStatesAsync(http))["hb"].Single() == "RUNNING", Timeout, $"the connector runs\n{worker}");

        parent.Kill();

        (await worker.WaitForExitAsync(Timeout)).Should().Be(0, $"a worker whose harness is gone stops cleanly\n{worker}");
        worker.StandardError.Should().Contain(l => l.Contains($"parent process {parent.Id} is gone", StringComparison.Ordinal));
    }

    [Test]
    public async Task Bad_worker_input_exits_2_and_an_unreachable_worker_cluster_exits_3_each_with_one_line()
    {
        var folder = TempDirectory.Create();
        var bad = Path.Combine(folder, "bad.properties");
        await File.WriteAllLinesAsync(bad, ["bootstrap.servers=127.0.0.1:1", "listeners=https://h:1"]);
        using (var host = HostProcess.Start("connect", "--worker-config", bad))
        {
            (await host.WaitForExitAsync(Timeout)).Should().Be(2, host.ToString());
            host.StandardError.Should().ContainSingle().Which.Should().StartWith("harness-replicator: listeners=https://h:1");
        }

        using (var host = HostProcess.Start("connect", "--port", "0"))
        {
            (await host.WaitForExitAsync(Timeout)).Should().Be(2, host.ToString());
            host.StandardError.Should().ContainSingle().Which.Should().Contain("--bootstrap-servers");
        }

        using (var host = HostProcess.Start("connect", "--bootstrap-servers", "127.0.0.1:1", "--port", "0"))
        {
            (await host.WaitForExitAsync(Timeout)).Should().Be(3, host.ToString());
            host.StandardError.Should().ContainSingle().Which.Should().Contain("cannot reach the worker's Kafka cluster at 127.0.0.1:1");
        }
    }

    [Test]
    public async Task A_port_in_use_exits_2_naming_the_option()
    {
        await using var clusters = TwoClusters.Start();
        using var taken = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var port = ((IPEndPoint)taken.LocalEndpoint).Port.ToString(CultureInfo.InvariantCulture);

        using var host = HostProcess.Start("connect", "--bootstrap-servers", clusters.Target.BootstrapServers, "--port", port);

        (await host.WaitForExitAsync(Timeout)).Should().Be(2, host.ToString());
        host.StandardError.Should().ContainSingle().Which.Should().Contain($"cannot listen on 127.0.0.1:{port}").And.Contain("--port");
    }

    [Test]
    public async Task The_distribution_stand_ins_connect_distributed_sh_runs_the_worker_with_the_heap_and_metrics_asked_for()
    {
        await using var clusters = TwoClusters.Start();
        var metricsPort = FreePort();
        using var home = KafkaDistributionStandIn.Build(Path.Combine(AppContext.BaseDirectory, "harness-replicator.dll"), metricsPort);
        var folder = TempDirectory.Create();
        var workerConfig = WorkerConfig(folder, clusters);

        using var worker = ChildProcess.Start(Path.Combine(home.FullName, "bin", "connect-distributed.sh"), [workerConfig], new ChildProcessOptions
        {
            Name = "connect-distributed.sh",
            Environment = new Dictionary<string, string> { ["KAFKA_HEAP_OPTS"] = "-Xms64m -Xmx256m" },
        });
        using var http = await ConnectAsync(worker, Path.Combine(folder, "worker-state"));

        worker.StandardOutput.Should().Contain(l => l.Contains("DOTNET_GCHeapHardLimit=10000000", StringComparison.Ordinal), "-Xmx256m is the runtime's hard heap limit");
        JsonNode.Parse(await http.GetStringAsync(new Uri("", UriKind.Relative)))!["version"]!.GetValue<string>().Should().Be(MirrorConnectorPlugins.Version);
        (await new HttpClient().GetAsync(new Uri($"http://127.0.0.1:{metricsPort}/metrics"))).StatusCode.Should().Be(HttpStatusCode.OK);
        worker.Terminate();
        (await worker.WaitForExitAsync(Timeout)).Should().Be(0, worker.ToString());
    }

    private static string WorkerConfig(string folder, TwoClusters clusters)
    {
        var path = Path.Combine(folder, "worker.properties");
        File.WriteAllLines(path,
        [
            $"bootstrap.servers={clusters.Target.BootstrapServers}",
            "group.id=harness-test",
            "config.storage.topic=connect-configs",
            "offset.storage.topic=connect-offsets",
            "status.storage.topic=connect-status",
            "config.storage.replication.factor=1",
            "offset.storage.replication.factor=1",
            "status.storage.replication.factor=1",
            "listeners=http://127.0.0.1:0",
            $"key.converter={MirrorConnectorPlugins.ByteArrayConverter}",
            $"value.converter={MirrorConnectorPlugins.ByteArrayConverter}",
        ]);
        return path;
    }

    private static ChildProcess StartWorker(string workerConfig, string stateDirectory, params string[] extra) =>
        HostProcess.Start(Directory.Exists(workerConfig)
            ? ["connect", "--state-dir", stateDirectory, .. extra] // no worker config: the options say it all
            : ["connect", "--worker-config", workerConfig, "--state-dir", stateDirectory, .. extra]);

    private static async Task<HttpClient> ConnectAsync(ChildProcess worker, string stateDirectory)
    {
        var portFile = Path.Combine(stateDirectory, "rest.port");
        await Eventually.TrueAsync(() => File.Exists(portFile) || worker.HasExited, Timeout, $"the worker listens\n{worker}");
        worker.HasExited.Should().BeFalse(worker.ToString());
        var port = File.ReadAllText(portFile).Trim();
        await Eventually.TrueAsync(() => worker.StandardError.Contains($"harness-replicator: Connect REST stand-in at http://127.0.0.1:{port}/"), Timeout, $"the worker says where it listens\n{worker}");
        return new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/") };
    }

    private static JsonObject Config(TwoClusters clusters, string connectorClass, params (string Key, string Value)[] extra)
    {
        var config = new JsonObject
        {
            ["connector.class"] = Mirror + connectorClass,
            ["source.cluster.alias"] = "source",
            ["target.cluster.alias"] = "target",
            ["source.cluster.bootstrap.servers"] = clusters.Source.BootstrapServers,
            ["target.cluster.bootstrap.servers"] = clusters.Target.BootstrapServers,
            ["key.converter"] = MirrorConnectorPlugins.ByteArrayConverter,
            ["value.converter"] = MirrorConnectorPlugins.ByteArrayConverter,
            ["harness.tasks.volume.sample.ms"] = "200",
            ["admin.timeout.ms"] = "5000",
        };
        foreach (var (key, value) in extra)
        {
            config[key] = value;
        }

        return config;
    }

    private static async Task<HttpStatusCode> PostAsync(HttpClient http, string name, JsonObject config)
    {
        using var response = await http.PostAsync(new Uri("connectors", UriKind.Relative), Json(new JsonObject { ["name"] = name, ["config"] = config.DeepClone() }.ToJsonString()));
        return response.StatusCode;
    }

    private static async Task<JsonNode> StatusAsync(HttpClient http, string name) =>
        JsonNode.Parse(await http.GetStringAsync(new Uri($"connectors/{name}/status", UriKind.Relative)))!;

    private static async Task<Dictionary<string, string[]>> TaskStatesAsync(HttpClient http) =>
        JsonNode.Parse(await http.GetStringAsync(new Uri("connectors?expand=status", UriKind.Relative)))!.AsObject()
            .ToDictionary(c => c.Key, c => c.Value!["status"]!["tasks"]!.AsArray().Select(t => t!["state"]!.GetValue<string>()).ToArray());

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");

    private static int FreePort()
    {
        var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
