using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Harness.Engine.Tests.Replicators.Connect;

/// <summary>
/// Kafka Connect's REST API in memory, as far as the driver uses it, with Connect's shapes and status codes; what it
/// refuses, which states it reports and whether it answers at all are the test's to set.
/// </summary>
internal sealed class FakeConnect : HttpMessageHandler
{
    public ConcurrentDictionary<string, Dictionary<string, string>> Connectors { get; } = new(StringComparer.Ordinal);

    /// <summary>Every request as "METHOD /path?query".</summary>
    public ConcurrentQueue<string> Calls { get; } = new();

    /// <summary>Whether nothing answers (connection refused).</summary>
    public volatile bool Down;

    /// <summary>Validation errors for a config, as (key, message).</summary>
    public Func<IReadOnlyDictionary<string, string>, IEnumerable<(string Key, string Message)>> Reject { get; set; } = _ => [];

    /// <summary>A connector's state and its tasks' (state, trace); RUNNING with tasks.max tasks by default.</summary>
    public Func<string, IReadOnlyDictionary<string, string>, (string State, IReadOnlyList<(string State, string? Trace)> Tasks)> State { get; set; } =
        (_, config) => ("RUNNING", Enumerable.Repeat<(string, string?)>(("RUNNING", null), int.Parse(config["tasks.max"], CultureInfo.InvariantCulture)).ToList());

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (Down)
        {
            throw new HttpRequestException(HttpRequestError.ConnectionError, "Connection refused (127.0.0.1:8083)");
        }

        var path = request.RequestUri!.AbsolutePath.TrimEnd('/');
        var method = request.Method.Method;
        Calls.Enqueue($"{method} {path}{request.RequestUri.Query}");
        var body = request.Content is null ? null : JsonNode.Parse(await request.Content.ReadAsStringAsync(cancellationToken));
        var parts = path.Split('/', StringSplitOptions.RemoveEmptyEntries).Select(Uri.UnescapeDataString).ToArray();
        return (method, parts) switch
        {
            ("GET", []) => Json(200, new JsonObject { ["version"] = "3.7.1-fake", ["commit"] = "fake", ["kafka_cluster_id"] = "fake" }),
            ("PUT", ["connector-plugins", _, "config", "validate"]) => Validate(Config(body)),
            ("PUT", ["connectors", var name, "config"]) => Put(name, Config(body)),
            ("GET", ["connectors"]) => Json(200, Statuses()),
            ("PUT", ["connectors", var name, "pause" or "resume"]) => Known(name, 202),
            ("POST", ["connectors", var name, "restart"]) => Known(name, 204),
            ("POST", ["connectors", var name, "tasks", _, "restart"]) => Known(name, 204),
            ("DELETE", ["connectors", var name]) => Connectors.TryRemove(name, out _) ? new HttpResponseMessage(HttpStatusCode.NoContent) : NotFound(name),
            _ => Json(404, new JsonObject { ["error_code"] = 404, ["message"] = $"Unknown endpoint {path}" }),
        };
    }

    private static Dictionary<string, string> Config(JsonNode? body) =>
        body!.AsObject().ToDictionary(p => p.Key, p => p.Value!.GetValue<string>(), StringComparer.Ordinal);

    private static HttpResponseMessage Json(int status, JsonNode body) =>
        new((HttpStatusCode)status) { Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json") };

    private static HttpResponseMessage NotFound(string name) =>
        Json(404, new JsonObject { ["error_code"] = 404, ["message"] = $"Connector {name} not found" });

    private HttpResponseMessage Known(string name, int status) =>
        Connectors.ContainsKey(name) ? new HttpResponseMessage((HttpStatusCode)status) : NotFound(name);

    private HttpResponseMessage Validate(Dictionary<string, string> config)
    {
        var errors = Reject(config).ToList();
        var configs = new JsonArray();
        foreach (var (key, value) in config)
        {
            var messages = new JsonArray(errors.Where(e => e.Key == key).Select(e => (JsonNode)JsonValue.Create(e.Message)).ToArray());
            configs.Add(new JsonObject
            {
                ["definition"] = new JsonObject { ["name"] = key },
                ["value"] = new JsonObject { ["name"] = key, ["value"] = value, ["recommended_values"] = new JsonArray(), ["errors"] = messages, ["visible"] = true },
            });
        }

        return Json(200, new JsonObject { ["name"] = config["connector.class"], ["error_count"] = errors.Count, ["groups"] = new JsonArray(), ["configs"] = configs });
    }

    private HttpResponseMessage Put(string name, Dictionary<string, string> config)
    {
        var created = Connectors.TryAdd(name, config);
        Connectors[name] = config;
        return Json(created ? 201 : 200, new JsonObject { ["name"] = name, ["config"] = JsonSerializer.SerializeToNode(config), ["tasks"] = new JsonArray(), ["type"] = "source" });
    }

    private JsonObject Statuses()
    {
        var result = new JsonObject();
        foreach (var (name, config) in Connectors)
        {
            var (state, tasks) = State(name, config);
            var taskArray = new JsonArray();
            for (var i = 0; i < tasks.Count; i++)
            {
                var task = new JsonObject { ["id"] = i, ["state"] = tasks[i].State, ["worker_id"] = "127.0.0.1:8083" };
                if (tasks[i].Trace is { } trace)
                {
                    task["trace"] = trace;
                }

                taskArray.Add(task);
            }

            result[name] = new JsonObject
            {
                ["status"] = new JsonObject
                {
                    ["name"] = name,
                    ["connector"] = new JsonObject { ["state"] = state, ["worker_id"] = "127.0.0.1:8083" },
                    ["tasks"] = taskArray,
                    ["type"] = "source",
                },
            };
        }

        return result;
    }
}
