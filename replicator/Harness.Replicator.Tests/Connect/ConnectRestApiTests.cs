using System.Text.Json.Nodes;
using Harness.Replicator.Connect;
using Harness.Replicator.Control;
using Harness.Replicator.Tests.Support;
using Harness.Testing;

namespace Harness.Replicator.Tests.Connect;

/// <summary>
/// Connect's REST shapes and status codes, answered in process by a worker whose connectors point at clusters that do
/// not exist (127.0.0.1:1), so they fail within a fraction of a second and no Kafka is needed.
/// </summary>
[FixtureLifeCycle(LifeCycle.InstancePerTestCase)]
public sealed class ConnectRestApiTests
{
    private const string Source = "org.apache.kafka.connect.mirror.MirrorSourceConnector";
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);
    private InMemoryConnectorConfigStore _store = null!;
    private ConnectWorker _worker = null!;
    private ConnectRestApi _api = null!;

    [SetUp]
    public void SetUp()
    {
        _store = new InMemoryConnectorConfigStore();
        _worker = new ConnectWorker(new ConnectWorkerConfig { BootstrapServers = "127.0.0.1:1" }, _store, "127.0.0.1:8083", _ => { }, checkClients: false);
        _api = new ConnectRestApi(_worker, "cluster-1");
    }

    [TearDown]
    public async Task TearDown() => await _worker.DisposeAsync();

    [Test]
    public void Root_names_the_stand_in_version_and_the_cluster()
    {
        var root = Call("GET", "/", 200);

        root["version"]!.GetValue<string>().Should().Be("3.7.1-harness-stand-in");
        root["kafka_cluster_id"]!.GetValue<string>().Should().Be("cluster-1");
        root["commit"].Should().NotBeNull();
    }

    [Test]
    public void Post_creates_with_201_and_Connects_info_then_409_for_the_same_name()
    {
        var created = Call("POST", "/connectors", 201, Create("a", 2));

        created["name"]!.GetValue<string>().Should().Be("a");
        created["type"]!.GetValue<string>().Should().Be("source");
        created["config"]!["connector.class"]!.GetValue<string>().Should().Be(Source);
        created["config"]!["name"]!.GetValue<string>().Should().Be("a", "the name is put into the config, as Connect does");
        created["tasks"]!.ToJsonString().Should().Be("""[{"connector":"a","task":0},{"connector":"a","task":1}]""");
        Error(Call("POST", "/connectors", 409, Create("a", 1)), 409, "Connector a already exists");
        _store.Load().Select(c => c.Name).Should().Equal("a");
    }

    [TestCase("not json", "Request body is not valid JSON")]
    [TestCase("""{"config":{}}""", "Connector name must be given")]
    [TestCase("""{"name":"x"}""", "Connector config must be given")]
    [TestCase("""{"name":"x","config":{"name":"y"}}""", "Connector name configuration (y) doesn't match connector name in the URL (x)")]
    public void A_bad_body_is_400(string body, string message) => Error(Call("POST", "/connectors", 400, body), 400, message);

    [Test]
    public void An_invalid_config_is_refused_with_400_and_Connects_message()
    {
        var body = Create("bad", 1, ("value.converter", "org.apache.kafka.connect.json.JsonConverter"), ("tasks.max", "x"));

        var error = Call("POST", "/connectors", 400, body);

        error["message"]!.GetValue<string>().Should().StartWith("Connector configuration is invalid and contains the following 1 error(s):\nInvalid value org.apache.kafka.connect.json.JsonConverter for configuration value.converter");
        Call("GET", "/connectors", 200).AsArray().Should().BeEmpty("nothing invalid is created");
        _store.Writes.Should().BeEmpty();
    }

    [Test]
    public void Listing_expands_status_and_info_when_asked_both_repeatable()
    {
        Call("POST", "/connectors", 201, Create("a", 1));
        Call("POST", "/connectors", 201, Create("b", 1));

        Call("GET", "/connectors", 200).ToJsonString().Should().Be("""["a","b"]""");
        var both = Call("GET", "/connectors?expand=status&expand=info", 200).AsObject();
        both.Select(p => p.Key).Should().Equal("a", "b");
        both["a"]!["status"]!["name"]!.GetValue<string>().Should().Be("a");
        both["a"]!["info"]!["config"]!["name"]!.GetValue<string>().Should().Be("a");
        var status = Call("GET", "/connectors?expand=status", 200).AsObject();
        status["b"]!.AsObject().Select(p => p.Key).Should().Equal("status");
    }

    [Test]
    public void Config_is_read_and_put_201_when_new_200_when_updated()
    {
        var created = Call("PUT", "/connectors/p/config", 201, Config(1).ToJsonString());
        created["tasks"]!.AsArray().Should().HaveCount(1);
        var updated = Call("PUT", "/connectors/p/config", 200, Config(3).ToJsonString());
        updated["tasks"]!.AsArray().Should().HaveCount(3);

        Call("GET", "/connectors/p/config", 200)["tasks.max"]!.GetValue<string>().Should().Be("3");
        Call("GET", "/connectors/p", 200)["tasks"]!.AsArray().Should().HaveCount(3);
        _store.Load().Single().Config["tasks.max"].Should().Be("3", "the new config is stored");
        Error(Call("PUT", "/connectors/p/config", 400, Config(1, ("name", "q")).ToJsonString()), 400, "Connector name configuration (q) doesn't match connector name in the URL (p)");
    }

    [Test]
    public async Task An_unreachable_source_fails_every_task_with_a_trace_naming_the_exception()
    {
        Call("POST", "/connectors", 201, Create("down", 2));

        await Eventually.TrueAsync(() => Call("GET", "/connectors/down/status", 200)["tasks"]![0]!["state"]!.GetValue<string>() == "FAILED", Timeout, "the task fails");
        var status = Call("GET", "/connectors/down/status", 200);
        status["name"]!.GetValue<string>().Should().Be("down");
        status["type"]!.GetValue<string>().Should().Be("source");
        status["connector"]!["worker_id"]!.GetValue<string>().Should().Be("127.0.0.1:8083");
        var tasks = status["tasks"]!.AsArray();
        tasks.Select(t => t!["id"]!.GetValue<int>()).Should().Equal(0, 1);
        tasks.Select(t => t!["worker_id"]!.GetValue<string>()).Should().AllBe("127.0.0.1:8083");
        var trace = tasks[0]!["trace"]!.GetValue<string>();
        trace.Should().StartWith("Harness.Replicator.Source.ClusterUnreachableException: cannot reach cluster 'source' at 127.0.0.1:1").And.Contain("\n   at ", "the stack follows");
        Call("GET", "/connectors/down/tasks/1/status", 200)["state"]!.GetValue<string>().Should().Be("FAILED");
    }

    [Test]
    public void Tasks_show_their_ids_and_configs()
    {
        Call("POST", "/connectors", 201, Create("t", 2));

        var tasks = Call("GET", "/connectors/t/tasks", 200).AsArray();

        tasks.Select(t => t!["id"]!.ToJsonString()).Should().Equal("""{"connector":"t","task":0}""", """{"connector":"t","task":1}""");
        tasks[1]!["config"]!["task.class"]!.GetValue<string>().Should().Be("org.apache.kafka.connect.mirror.MirrorSourceTask");
        tasks[1]!["config"]!["source.cluster.bootstrap.servers"]!.GetValue<string>().Should().Be("127.0.0.1:1");
    }

    [Test]
    public void Pause_and_resume_answer_202_and_are_stored()
    {
        Call("POST", "/connectors", 201, Create("p", 1));

        Raw("PUT", "/connectors/p/pause", "").Status.Should().Be(202);
        Call("GET", "/connectors/p/status", 200)["connector"]!["state"]!.GetValue<string>().Should().Be("PAUSED");
        _store.Load().Single().Paused.Should().BeTrue();
        Raw("PUT", "/connectors/p/resume", "").Status.Should().Be(202);
        _store.Load().Single().Paused.Should().BeFalse();
        Call("GET", "/connectors/p/status", 200)["connector"]!["state"]!.GetValue<string>().Should().NotBe("PAUSED");
    }

    [Test]
    public async Task Restart_is_204_plain_and_202_with_the_instances_restarting_when_tasks_are_included()
    {
        Call("POST", "/connectors", 201, Create("r", 2));
        await Eventually.TrueAsync(() => Call("GET", "/connectors/r/status", 200)["tasks"]![0]!["state"]!.GetValue<string>() == "FAILED", Timeout, "the task fails");

        Raw("POST", "/connectors/r/restart", "").Status.Should().Be(204);
        await Eventually.TrueAsync(() => Call("GET", "/connectors/r/status", 200)["tasks"]![0]!["state"]!.GetValue<string>() == "FAILED", Timeout, "the restarted task fails again");
        var restarting = Call("POST", "/connectors/r/restart?includeTasks=true&onlyFailed=true", 202);
        restarting["connector"]!["state"]!.GetValue<string>().Should().Be("RESTARTING");
        restarting["tasks"]!.AsArray().Select(t => t!["state"]!.GetValue<string>()).Should().AllBe("RESTARTING");
        Raw("POST", "/connectors/r/tasks/1/restart", "").Status.Should().Be(204);
        Error(Call("POST", "/connectors/r/tasks/2/restart", 404), 404, "Unknown task: r-2");
    }

    [Test]
    public void Restart_only_failed_of_a_healthy_connector_restarts_nothing()
    {
        Call("POST", "/connectors", 201, Create("h", 1));
        Raw("PUT", "/connectors/h/pause", "").Status.Should().Be(202);

        var status = Call("POST", "/connectors/h/restart?onlyFailed=true&includeTasks=true", 202);

        status["connector"]!["state"]!.GetValue<string>().Should().Be("PAUSED", "nothing failed, so nothing restarts");
    }

    [Test]
    public void Delete_is_204_then_the_connector_is_unknown()
    {
        Call("POST", "/connectors", 201, Create("d", 1));

        Raw("DELETE", "/connectors/d", "").Status.Should().Be(204);

        _store.Load().Should().BeEmpty();
        foreach (var (method, path) in new[] { ("GET", "/connectors/d"), ("GET", "/connectors/d/status"), ("GET", "/connectors/d/config"), ("DELETE", "/connectors/d"), ("PUT", "/connectors/d/pause"), ("POST", "/connectors/d/restart") })
        {
            Error(Call(method, path, 404), 404, "Connector d not found");
        }
    }

    [Test]
    public void Unknown_paths_and_methods_answer_in_Connects_error_shape()
    {
        Error(Call("GET", "/nope", 404), 404, "HTTP 404 Not Found");
        Error(Call("GET", "/connectors/a/b/c", 404), 404, "HTTP 404 Not Found");
        Error(Call("DELETE", "/connectors", 405), 405, "HTTP 405 Method Not Allowed");
    }

    [Test]
    public void Plugins_are_the_three_MirrorMaker_2_connectors()
    {
        var plugins = Call("GET", "/connector-plugins", 200).AsArray();

        plugins.Select(p => p!["class"]!.GetValue<string>()).Should().Equal(
            "org.apache.kafka.connect.mirror.MirrorCheckpointConnector", "org.apache.kafka.connect.mirror.MirrorHeartbeatConnector", Source);
        plugins.Should().AllSatisfy(p => (p!["type"]!.GetValue<string>(), p["version"]!.GetValue<string>()).Should().Be(("source", "3.7.1-harness-stand-in")));
    }

    [Test]
    public void Validate_reports_each_key_with_its_errors()
    {
        var config = Config(1, ("value.converter", "org.apache.kafka.connect.json.JsonConverter"));
        config["name"] = "v";

        var infos = Call("PUT", $"/connector-plugins/{Source}/config/validate", 200, config.ToJsonString());

        infos["name"]!.GetValue<string>().Should().Be(Source);
        infos["error_count"]!.GetValue<int>().Should().Be(1);
        infos["groups"]!.AsArray().Should().NotBeEmpty();
        var configs = infos["configs"]!.AsArray();
        var converter = configs.Single(c => c!["definition"]!["name"]!.GetValue<string>() == "value.converter")!;
        converter["value"]!["name"]!.GetValue<string>().Should().Be("value.converter");
        converter["value"]!["value"]!.GetValue<string>().Should().Be("org.apache.kafka.connect.json.JsonConverter");
        converter["value"]!["errors"]!.AsArray().Single()!.GetValue<string>().Should().Contain("ByteArrayConverter");
        converter["value"]!["visible"]!.GetValue<bool>().Should().BeTrue();
        converter["value"]!["recommended_values"]!.AsArray().Should().BeEmpty();
        configs.Where(c => c!["definition"]!["name"]!.GetValue<string>() != "value.converter").Should().AllSatisfy(c => c!["value"]!["errors"]!.AsArray().Should().BeEmpty());

        config.Remove("value.converter");
        Call("PUT", "/connector-plugins/MirrorSourceConnector/config/validate", 200, config.ToJsonString())["error_count"]!.GetValue<int>().Should().Be(0, "the alias names the plugin too");
    }

    [Test]
    public void Validate_refuses_an_unknown_plugin_and_a_class_that_disagrees_with_the_path()
    {
        Error(Call("PUT", "/connector-plugins/com.example.Nope/config/validate", 404, "{}"), 404, "Failed to find any class that implements Connector and which name matches com.example.Nope");
        Error(Call("PUT", "/connector-plugins/MirrorHeartbeatConnector/config/validate", 400, Config(1).ToJsonString()), 400, $"Included connector type {Source} does not match request type MirrorHeartbeatConnector");
    }

    private static JsonObject Config(int tasks, params (string Key, string Value)[] extra)
    {
        var config = new JsonObject
        {
            ["connector.class"] = Source,
            ["tasks.max"] = tasks.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["source.cluster.bootstrap.servers"] = "127.0.0.1:1",
            ["target.cluster.bootstrap.servers"] = "127.0.0.1:1",
            ["key.converter"] = MirrorConnectorPlugins.ByteArrayConverter,
            ["value.converter"] = MirrorConnectorPlugins.ByteArrayConverter,
            ["admin.timeout.ms"] = "200",
        };
        foreach (var (key, value) in extra)
        {
            config[key] = value;
        }

        return config;
    }

    private static string Create(string name, int tasks, params (string Key, string Value)[] extra) =>
        new JsonObject { ["name"] = name, ["config"] = Config(tasks, extra) }.ToJsonString();

    private static void Error(JsonNode body, int code, string message)
    {
        body["error_code"]!.GetValue<int>().Should().Be(code);
        body["message"]!.GetValue<string>().Should().StartWith(message);
        body.AsObject().Select(p => p.Key).Should().Equal("error_code", "message");
    }

    private HttpReply Raw(string method, string pathAndQuery, string body)
    {
        var query = pathAndQuery.IndexOf('?', StringComparison.Ordinal);
        return query < 0 ? _api.Handle(method, pathAndQuery, "", body) : _api.Handle(method, pathAndQuery[..query], pathAndQuery[query..], body);
    }

    private JsonNode Call(string method, string pathAndQuery, int status, string body = "")
    {
        var reply = Raw(method, pathAndQuery, body);
        reply.Status.Should().Be(status, reply.Body);
        reply.ContentType.Should().StartWith("application/json");
        return JsonNode.Parse(reply.Body)!;
    }
}
