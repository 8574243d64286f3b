using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Harness.Engine.Replicators.Connect;

/// <summary>
/// The calls the harness makes to Kafka Connect's REST API, with Connect's JSON shapes. Every failure is a
/// <see cref="ConnectRequestException"/>: no answer, or an error status with Connect's own message.
/// </summary>
public sealed class ConnectRestClient : IDisposable
{
    private static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(15);
    private readonly HttpClient _http;

    /// <summary>A client of the Connect cluster at <paramref name="url"/>; <paramref name="handler"/> replaces the network in tests.</summary>
    public ConnectRestClient(Uri url, HttpMessageHandler? handler = null)
    {
        ArgumentNullException.ThrowIfNull(url);
        Url = url;
        _http = new HttpClient(handler ?? new SocketsHttpHandler(), disposeHandler: true)
        {
            BaseAddress = new Uri(url.AbsoluteUri.TrimEnd('/') + "/"),
            Timeout = RequestTimeout,
        };
    }

    /// <summary>The cluster's REST URL.</summary>
    public Uri Url { get; }

    /// <summary><c>GET /</c>: the worker's version, once it answers.</summary>
    public async Task<string> VersionAsync(CancellationToken cancellation)
    {
        var root = await SendAsync(HttpMethod.Get, "", null, cancellation).ConfigureAwait(false);
        return root?["version"]?.GetValue<string>() ?? "unknown";
    }

    /// <summary><c>PUT /connector-plugins/{class}/config/validate</c>: each error as "key: message"; empty when valid.</summary>
    public async Task<IReadOnlyList<string>> ValidateAsync(string connectorClass, IReadOnlyDictionary<string, string> config, CancellationToken cancellation)
    {
        var result = await SendAsync(HttpMethod.Put, $"connector-plugins/{Uri.EscapeDataString(connectorClass)}/config/validate", Body(config), cancellation).ConfigureAwait(false);
        var errors = new List<string>();
        foreach (var entry in result?["configs"]?.AsArray() ?? [])
        {
            var value = entry?["value"];
            foreach (var error in value?["errors"]?.AsArray() ?? [])
            {
                errors.Add($"{value!["name"]?.GetValue<string>()}: {error?.GetValue<string>()}");
            }
        }

        if (errors.Count == 0 && result?["error_count"]?.GetValue<int>() is > 0 and var count)
        {
            errors.Add($"{count} error(s) without a message");
        }

        return errors;
    }

    /// <summary><c>PUT /connectors/{name}/config</c>: creates the connector or updates its config.</summary>
    public Task PutConfigAsync(string name, IReadOnlyDictionary<string, string> config, CancellationToken cancellation) =>
        SendAsync(HttpMethod.Put, $"connectors/{Escape(name)}/config", Body(config), cancellation);

    /// <summary><c>GET /connectors?expand=status</c>: every connector's status, by name.</summary>
    public async Task<IReadOnlyDictionary<string, ConnectorStatus>> StatusesAsync(CancellationToken cancellation)
    {
        var result = await SendAsync(HttpMethod.Get, "connectors?expand=status", null, cancellation).ConfigureAwait(false);
        var statuses = new Dictionary<string, ConnectorStatus>(StringComparer.Ordinal);
        foreach (var (name, entry) in result?.AsObject() ?? [])
        {
            if (entry?["status"] is JsonObject status)
            {
                statuses[name] = ParseStatus(status);
            }
        }

        return statuses;
    }

    /// <summary><c>PUT /connectors/{name}/pause</c>.</summary>
    public Task PauseAsync(string name, CancellationToken cancellation) => SendAsync(HttpMethod.Put, $"connectors/{Escape(name)}/pause", null, cancellation);

    /// <summary><c>PUT /connectors/{name}/resume</c>.</summary>
    public Task ResumeAsync(string name, CancellationToken cancellation) => SendAsync(HttpMethod.Put, $"connectors/{Escape(name)}/resume", null, cancellation);

    /// <summary><c>POST /connectors/{name}/restart?includeTasks=true&amp;onlyFailed=false</c>: the connector and every task.</summary>
    public Task RestartAsync(string name, CancellationToken cancellation) =>
        SendAsync(HttpMethod.Post, $"connectors/{Escape(name)}/restart?includeTasks=true&onlyFailed=false", null, cancellation);

    /// <summary><c>POST /connectors/{name}/tasks/{id}/restart</c>.</summary>
    public Task RestartTaskAsync(string name, int task, CancellationToken cancellation) =>
        SendAsync(HttpMethod.Post, $"connectors/{Escape(name)}/tasks/{task}/restart", null, cancellation);

    /// <summary><c>DELETE /connectors/{name}</c>; a connector that is already gone is no error.</summary>
    public async Task DeleteAsync(string name, CancellationToken cancellation)
    {
        try
        {
            await SendAsync(HttpMethod.Delete, $"connectors/{Escape(name)}", null, cancellation).ConfigureAwait(false);
        }
        catch (ConnectRequestException e) when (e.Status == (int)HttpStatusCode.NotFound)
        {
            // Deleting is how the run ends; gone already is the state it wants.
        }
    }

    /// <inheritdoc/>
    public void Dispose() => _http.Dispose();

    internal static ConnectorStatus ParseStatus(JsonObject status)
    {
        var connector = status["connector"];
        var tasks = (status["tasks"]?.AsArray() ?? [])
            .Where(t => t is not null)
            .Select(t => new ConnectTaskStatus(t!["id"]?.GetValue<int>() ?? 0, t["state"]?.GetValue<string>() ?? "UNKNOWN", t["trace"]?.GetValue<string>()))
            .OrderBy(t => t.Id)
            .ToList();
        return new ConnectorStatus(connector?["state"]?.GetValue<string>() ?? "UNKNOWN", connector?["trace"]?.GetValue<string>(), tasks);
    }

    private static string Escape(string name) => Uri.EscapeDataString(name);

    private static JsonContent Body(IReadOnlyDictionary<string, string> config) =>
        JsonContent.Create(config.ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal));

    private async Task<JsonNode?> SendAsync(HttpMethod method, string path, HttpContent? content, CancellationToken cancellation)
    {
        using var request = new HttpRequestMessage(method, path) { Content = content };
        HttpResponseMessage response;
        try
        {
            response = await _http.SendAsync(request, cancellation).ConfigureAwait(false);
        }
        catch (HttpRequestException e)
        {
            throw new ConnectRequestException($"Kafka Connect at {Url} did not answer ({e.HttpRequestError}: {e.Message})", e);
        }
        catch (TaskCanceledException e) when (!cancellation.IsCancellationRequested)
        {
            throw new ConnectRequestException($"Kafka Connect at {Url} did not answer within {RequestTimeout.TotalSeconds:0} s", e);
        }

        using (response)
        {
            var text = await response.Content.ReadAsStringAsync(cancellation).ConfigureAwait(false);
            JsonNode? body = null;
            try
            {
                body = text.Length == 0 ? null : JsonNode.Parse(text);
            }
            catch (JsonException)
            {
                // Not Connect's JSON: the status and the text's start still say what happened.
            }

            if (!response.IsSuccessStatusCode)
            {
                var message = (body as JsonObject)?["message"]?.GetValue<string>() ?? (text.Length > 200 ? text[..200] : text);
                throw new ConnectRequestException((int)response.StatusCode, $"{method} /{path}: {(int)response.StatusCode} {message}".TrimEnd());
            }

            return body;
        }
    }
}
