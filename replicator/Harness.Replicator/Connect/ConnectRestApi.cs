using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Harness.Replicator.Control;

namespace Harness.Replicator.Connect;

/// <summary>
/// The part of Kafka Connect's REST API that MirrorMaker 2's connectors are driven through, with Connect's JSON shapes
/// and status codes, answered by a <see cref="ConnectWorker"/>. Errors are <c>{"error_code": N, "message": "..."}</c>.
/// </summary>
public sealed class ConnectRestApi(ConnectWorker worker, string kafkaClusterId)
{
    private static readonly JsonSerializerOptions Compact = new() { WriteIndented = false };

    /// <summary>Answers one request of an <see cref="HttpListener"/>.</summary>
    public HttpReply Handle(HttpListenerRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        string body;
        using (var reader = new StreamReader(request.InputStream, request.ContentEncoding ?? Encoding.UTF8))
        {
            body = reader.ReadToEnd();
        }

        return Handle(request.HttpMethod, request.Url!.AbsolutePath, request.Url.Query, body);
    }

    /// <summary>Answers one request.</summary>
    /// <param name="method">GET, POST, PUT or DELETE.</param>
    /// <param name="path">The URL path, still percent-encoded (a connector name may hold any character).</param>
    /// <param name="query">The query string, with or without its leading '?'.</param>
    /// <param name="body">The request body; empty when there is none.</param>
    public HttpReply Handle(string method, string path, string query, string body)
    {
        ArgumentNullException.ThrowIfNull(method);
        ArgumentNullException.ThrowIfNull(path);
        try
        {
            return Route(method.ToUpperInvariant(), path.Trim('/').Split('/', StringSplitOptions.RemoveEmptyEntries).Select(Uri.UnescapeDataString).ToArray(), Query(query ?? ""), body ?? "");
        }
        catch (ConnectRestException e)
        {
            return Error(e.Status, e.Message);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // Connect answers an unexpected failure (the config topic unreachable, say) with 500 in its error shape.
            return Error(500, $"{e.GetType().Name}: {e.Message}");
        }
    }

    private HttpReply Route(string method, string[] path, List<(string Key, string Value)> query, string body)
    {
        var task = path.Length == 5 && path[2] == "tasks" ? TaskId(path[3]) : -1;
        return (path, method) switch
        {
            ([], "GET") => Json(200, new JsonObject { ["version"] = MirrorConnectorPlugins.Version, ["commit"] = "harness-stand-in", ["kafka_cluster_id"] = kafkaClusterId }),
            (["connectors"], "GET") => Connectors(query),
            (["connectors"], "POST") => Create(body),
            (["connectors", var name], "GET") => Json(200, Info(worker.Info(name))),
            (["connectors", var name], "DELETE") => Wait(worker.DeleteAsync(name), 204),
            (["connectors", var name, "config"], "GET") => Json(200, Map(worker.Info(name).Config)),
            (["connectors", var name, "config"], "PUT") => PutConfig(name, body),
            (["connectors", var name, "status"], "GET") => Json(200, Status(worker.Status(name))),
            (["connectors", var name, "tasks"], "GET") => Json(200, Tasks(name)),
            (["connectors", var name, "pause"], "PUT") => Wait(worker.SetPausedAsync(name, true), 202),
            (["connectors", var name, "resume"], "PUT") => Wait(worker.SetPausedAsync(name, false), 202),
            (["connectors", var name, "restart"], "POST") => Restart(name, query),
            (["connectors", var name, "tasks", _, "restart"], "POST") => Wait(worker.RestartTaskAsync(name, task), 204),
            (["connectors", var name, "tasks", _, "status"], "GET") => TaskStatus(name, task),
            (["connector-plugins"], "GET") => Json(200, new JsonArray([.. MirrorConnectorPlugins.All.Select(p => (JsonNode)new JsonObject
            {
                ["class"] = p.ClassName,
                ["type"] = "source",
                ["version"] = MirrorConnectorPlugins.Version,
            })])),
            (["connector-plugins", var plugin, "config", "validate"], "PUT") => Validate(plugin, body),
            (["connectors"] or ["connectors", _] or ["connectors", _, "config" or "status" or "tasks" or "pause" or "resume" or "restart"]
                or ["connectors", _, "tasks", _, "restart" or "status"] or ["connector-plugins"] or ["connector-plugins", _, "config", "validate"] or [], _)
                => Error(405, "HTTP 405 Method Not Allowed"),
            _ => Error(404, "HTTP 404 Not Found"),
        };
    }

    private HttpReply Connectors(List<(string Key, string Value)> query)
    {
        var expand = query.Where(q => q.Key == "expand").Select(q => q.Value).ToHashSet(StringComparer.Ordinal);
        var names = worker.Names();
        if (expand.Count == 0)
        {
            return Json(200, new JsonArray([.. names.Select(n => (JsonNode)n)]));
        }

        var result = new JsonObject();
        foreach (var name in names)
        {
            var entry = new JsonObject();
            try
            {
                if (expand.Contains("status"))
                {
                    entry["status"] = Status(worker.Status(name));
                }

                if (expand.Contains("info"))
                {
                    entry["info"] = Info(worker.Info(name));
                }
            }
            catch (ConnectRestException)
            {
                continue; // deleted while listing
            }

            result[name] = entry;
        }

        return Json(200, result);
    }

    private HttpReply Create(string body)
    {
        var request = ParseObject(body);
        var name = request["name"] is JsonValue value && value.TryGetValue<string>(out var text) ? text.Trim() : null;
        if (string.IsNullOrEmpty(name))
        {
            return Error(400, "Connector name must be given as a non-empty string in the 'name' field");
        }

        if (request["config"] is not JsonObject configObject)
        {
            return Error(400, "Connector config must be given as a JSON object in the 'config' field");
        }

        var config = Strings(configObject);
        CheckName(name, config);
        var info = worker.CreateAsync(name, config).GetAwaiter().GetResult();
        return Json(201, Info(info));
    }

    private HttpReply PutConfig(string name, string body)
    {
        var config = Strings(ParseObject(body));
        CheckName(name, config);
        var (info, created) = worker.PutConfigAsync(name, config).GetAwaiter().GetResult();
        return Json(created ? 201 : 200, Info(info));
    }

    private HttpReply Restart(string name, List<(string Key, string Value)> query)
    {
        var status = worker.RestartAsync(name, Flag(query, "includeTasks"), Flag(query, "onlyFailed")).GetAwaiter().GetResult();
        return status is null ? new HttpReply(204, "application/json", "") : Json(202, Status(status));
    }

    private HttpReply TaskStatus(string name, int task)
    {
        var status = worker.Status(name);
        var found = status.Tasks.FirstOrDefault(t => t.Id == task)
            ?? throw new ConnectRestException(404, string.Create(CultureInfo.InvariantCulture, $"No status found for task {name}-{task}"));
        return Json(200, Task(found));
    }

    private JsonArray Tasks(string name) =>
        new([.. worker.TaskConfigs(name).Select((config, i) => (JsonNode)new JsonObject
        {
            ["id"] = new JsonObject { ["connector"] = name, ["task"] = i },
            ["config"] = Map(config),
        })]);

    private HttpReply Validate(string plugin, string body)
    {
        var config = Strings(ParseObject(body));
        var named = MirrorConnectorPlugins.Find(plugin)
            ?? throw new ConnectRestException(404, $"Failed to find any class that implements Connector and which name matches {plugin}, available connectors are: {string.Join(", ", MirrorConnectorPlugins.All.Select(p => p.ClassName))}");
        if (config.TryGetValue("connector.class", out var given) && MirrorConnectorPlugins.Find(given)?.ClassName != named.ClassName)
        {
            throw new ConnectRestException(400, $"Included connector type {given} does not match request type {plugin}");
        }

        config["connector.class"] = given ?? named.ClassName;
        var validation = worker.Validate(config);
        return Json(200, ConfigInfos(validation));
    }

    private JsonObject Status(ConnectorStatus status)
    {
        var connector = new JsonObject { ["state"] = status.State, ["worker_id"] = worker.WorkerId };
        if (status.Trace is { } trace)
        {
            connector["trace"] = trace;
        }

        return new JsonObject
        {
            ["name"] = status.Name,
            ["connector"] = connector,
            ["tasks"] = new JsonArray([.. status.Tasks.Select(t => (JsonNode)Task(t))]),
            ["type"] = "source",
        };
    }

    private JsonObject Task(TaskStatus task)
    {
        var json = new JsonObject { ["id"] = task.Id, ["state"] = task.State, ["worker_id"] = worker.WorkerId };
        if (task.Trace is { } trace)
        {
            json["trace"] = trace;
        }

        return json;
    }

    private static JsonObject Info(ConnectorInfo info) => new()
    {
        ["name"] = info.Name,
        ["config"] = Map(info.Config),
        ["tasks"] = new JsonArray([.. Enumerable.Range(0, info.TaskCount).Select(i => (JsonNode)new JsonObject { ["connector"] = info.Name, ["task"] = i })]),
        ["type"] = "source",
    };

    /// <summary>Connect's ConfigInfos: every key given plus the ones MM2's connectors require, each with its errors.</summary>
    private static JsonObject ConfigInfos(ConnectorValidation validation)
    {
        string[] required = ["connector.class", "name", "source.cluster.alias", "target.cluster.alias", "source.cluster.bootstrap.servers", "target.cluster.bootstrap.servers"];
        var keys = required.Concat(validation.Config.Keys).Concat(validation.Errors.Keys).Distinct(StringComparer.Ordinal).ToList();
        var configs = new JsonArray();
        foreach (var key in keys)
        {
            var isRequired = required.Contains(key) && key is not ("source.cluster.alias" or "target.cluster.alias");
            var errors = validation.Errors.TryGetValue(key, out var list) ? list : [];
            configs.Add(new JsonObject
            {
                ["definition"] = new JsonObject
                {
                    ["name"] = key,
                    ["type"] = "STRING",
                    ["required"] = isRequired,
                    ["default_value"] = key switch { "source.cluster.alias" => "source", "target.cluster.alias" => "target", _ => null },
                    ["importance"] = isRequired ? "HIGH" : "MEDIUM",
                    ["documentation"] = "",
                    ["group"] = key is "connector.class" or "name" or "key.converter" or "value.converter" or "tasks.max" ? "Common" : "Mirror",
                    ["width"] = "NONE",
                    ["display_name"] = key,
                    ["dependents"] = new JsonArray(),
                    ["order"] = -1,
                },
                ["value"] = new JsonObject
                {
                    ["name"] = key,
                    ["value"] = validation.Config.TryGetValue(key, out var value) ? value : null,
                    ["recommended_values"] = new JsonArray(),
                    ["errors"] = new JsonArray([.. errors.Select(e => (JsonNode)e)]),
                    ["visible"] = true,
                },
            });
        }

        return new JsonObject
        {
            ["name"] = validation.ConnectorClass,
            ["error_count"] = validation.ErrorCount,
            ["groups"] = new JsonArray("Common", "Mirror"),
            ["configs"] = configs,
        };
    }

    private static void CheckName(string name, Dictionary<string, string> config)
    {
        if (config.TryGetValue("name", out var given) && given != name)
        {
            throw new ConnectRestException(400, $"Connector name configuration ({given}) doesn't match connector name in the URL ({name})");
        }

        config["name"] = name;
    }

    private static JsonObject ParseObject(string body)
    {
        try
        {
            return JsonNode.Parse(body) as JsonObject ?? throw new ConnectRestException(400, "Request body must be a JSON object");
        }
        catch (JsonException e)
        {
            throw new ConnectRestException(400, $"Request body is not valid JSON: {e.Message}");
        }
    }

    /// <summary>A config object's values as strings; Connect's configs are string maps, and numbers and booleans become their text.</summary>
    private static Dictionary<string, string> Strings(JsonObject config)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in config)
        {
            result[key] = value switch
            {
                null => throw new ConnectRestException(400, $"Config {key} is null; give a string"),
                JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>(),
                JsonValue v => v.ToJsonString(),
                _ => throw new ConnectRestException(400, $"Config {key} must be a string, not {value.GetValueKind()}"),
            };
        }

        return result;
    }

    private static JsonObject Map(IReadOnlyDictionary<string, string> config)
    {
        var json = new JsonObject();
        foreach (var (key, value) in config)
        {
            json[key] = value;
        }

        return json;
    }

    private static int TaskId(string text) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id
            : throw new ConnectRestException(404, $"HTTP 404 Not Found");

    private static bool Flag(List<(string Key, string Value)> query, string name) =>
        query.LastOrDefault(q => q.Key == name).Value is { } value && value.Equals("true", StringComparison.OrdinalIgnoreCase);

    private static List<(string Key, string Value)> Query(string query) =>
        query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries).Select(pair =>
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            return equals < 0 ? (Uri.UnescapeDataString(pair), "") : (Uri.UnescapeDataString(pair[..equals]), Uri.UnescapeDataString(pair[(equals + 1)..]));
        }).ToList();

    private static HttpReply Wait(Task action, int status)
    {
        action.GetAwaiter().GetResult();
        return new HttpReply(status, "application/json", "");
    }

    private static HttpReply Json(int status, JsonNode body) => HttpReply.Json(status, body.ToJsonString(Compact));

    private static HttpReply Error(int status, string message) =>
        Json(status, new JsonObject { ["error_code"] = status, ["message"] = message });
}
