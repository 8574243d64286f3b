using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using Harness.Broker.Cluster;
using Harness.Broker.Protocol;

namespace Harness.Broker.Control;

/// <summary>
/// The faults API over loopback HTTP, so a chaos engine or a test in another process can act on the
/// clusters of <c>harness broker</c>. Routes (all answer JSON; errors are 4xx with a one-line reason):
/// <list type="bullet">
/// <item>GET /clusters — clusters, brokers and their status</item>
/// <item>POST /clusters/{name}/brokers/{id}/kill | restart | hang | resume | reset-connections</item>
/// <item>POST /clusters/{name}/brokers/{id}/latency?ms=N</item>
/// <item>POST /clusters/{name}/errors?api=Produce&amp;code=6&amp;count=3[&amp;broker=1]</item>
/// <item>POST /clusters/{name}/leader?topic=T&amp;partition=P[&amp;to=B]</item>
/// </list>
/// </summary>
public sealed class BrokerControlServer : IAsyncDisposable
{
    // Messages are read by people in terminals: keep quotes readable instead of \u0027.
    private static readonly JsonSerializerOptions Json = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    private readonly HttpListener _listener = new();
    private readonly IReadOnlyDictionary<string, EmbeddedCluster> _clusters;
    private readonly Task _loop;

    private BrokerControlServer(IReadOnlyDictionary<string, EmbeddedCluster> clusters, int port)
    {
        _clusters = clusters;
        Url = $"http://127.0.0.1:{port}/";
        _listener.Prefixes.Add(Url);
        _listener.Start();
        _loop = Task.Run(LoopAsync);
    }

    /// <summary>Base URL of the endpoint.</summary>
    public string Url { get; }

    /// <summary>Serves the faults API of <paramref name="clusters"/> on 127.0.0.1:<paramref name="port"/> (0 picks a free port).</summary>
    public static BrokerControlServer Start(IEnumerable<EmbeddedCluster> clusters, int port = 0)
    {
        var byName = clusters.ToDictionary(c => c.Name, StringComparer.Ordinal);
        if (port != 0)
        {
            return new BrokerControlServer(byName, port);
        }

        // HttpListener cannot bind port 0: take a free port from the OS and retry on the rare race.
        for (var attempt = 0; ; attempt++)
        {
            var probe = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
            probe.Start();
            var free = ((IPEndPoint)probe.LocalEndpoint).Port;
            probe.Stop();
            try
            {
                return new BrokerControlServer(byName, free);
            }
            catch (HttpListenerException) when (attempt < 5)
            {
            }
        }
    }

    private async Task LoopAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync().ConfigureAwait(false);
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            var (status, body) = Handle(context.Request);
            var bytes = Encoding.UTF8.GetBytes(body);
            context.Response.StatusCode = status;
            context.Response.ContentType = "application/json";
            context.Response.ContentLength64 = bytes.Length;
            try
            {
                await context.Response.OutputStream.WriteAsync(bytes).ConfigureAwait(false);
                context.Response.Close();
            }
            catch (HttpListenerException)
            {
                // The caller went away.
            }
        }
    }

    private (int Status, string Body) Handle(HttpListenerRequest request)
    {
        var path = request.Url!.AbsolutePath.Trim('/').Split('/');
        var query = request.QueryString;
        try
        {
            if (request.HttpMethod == "GET" && path is ["clusters"])
            {
                return (200, Describe());
            }

            if (request.HttpMethod != "POST" || path.Length < 3 || path[0] != "clusters")
            {
                return Error(404, $"no route {request.HttpMethod} {request.Url.AbsolutePath}; see GET /clusters");
            }

            if (!_clusters.TryGetValue(path[1], out var cluster))
            {
                return Error(404, $"no cluster '{path[1]}'; clusters are {string.Join(", ", _clusters.Keys)}");
            }

            switch (path[2..])
            {
                case ["brokers", var id, var action]:
                    var broker = Int(id, "broker id");
                    switch (action)
                    {
                        case "kill": cluster.KillBroker(broker); break;
                        case "restart": cluster.RestartBroker(broker); break;
                        case "hang": cluster.HangBroker(broker); break;
                        case "resume": cluster.ResumeBroker(broker); break;
                        case "reset-connections": cluster.ResetConnections(broker); break;
                        case "latency": cluster.SetLatency(broker, TimeSpan.FromMilliseconds(Int(query["ms"], "ms"))); break;
                        default: return Error(404, $"unknown broker action '{action}'; use kill, restart, hang, resume, reset-connections or latency");
                    }

                    return (200, Describe());
                case ["errors"]:
                    var api = Enum.TryParse<ApiKey>(query["api"], ignoreCase: true, out var parsed) ? parsed
                        : throw new ArgumentException($"api '{query["api"]}' is not a Kafka API name such as Produce or Fetch");
                    var code = Enum.TryParse<ErrorCode>(query["code"], ignoreCase: true, out var named) ? named
                        : (ErrorCode)(short)Int(query["code"], "code");
                    cluster.InjectErrors(api, code, Int(query["count"], "count"), query["broker"] is { } b ? Int(b, "broker") : null);
                    return (200, Describe());
                case ["leader"]:
                    var leader = cluster.MoveLeader(query["topic"] ?? throw new ArgumentException("topic is required"),
                        Int(query["partition"], "partition"), query["to"] is { } to ? Int(to, "to") : null);
                    return (200, JsonSerializer.Serialize(new { leader }, Json));
                case ["compact"]:
                    var compacted = cluster.Compact(query["topic"] ?? throw new ArgumentException("topic is required"));
                    return (200, JsonSerializer.Serialize(new { recordsRemoved = compacted.RecordsRemoved, batchesRemoved = compacted.BatchesRemoved, bytesFreed = compacted.BytesFreed }, Json));
                default:
                    return Error(404, $"no route POST {request.Url.AbsolutePath}");
            }
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException)
        {
            return Error(400, e.Message);
        }
    }

    private static int Int(string? value, string name) =>
        int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : throw new ArgumentException($"{name} must be an integer, got '{value}'");

    private static (int, string) Error(int status, string message) => (status, JsonSerializer.Serialize(new { error = message }, Json));

    private string Describe() => JsonSerializer.Serialize(_clusters.Values.Select(c => new
    {
        name = c.Name,
        bootstrapServers = c.BootstrapServers,
        brokers = c.Brokers.Select(b => new { id = b.Id, endpoint = b.Endpoint, status = b.Status.ToString().ToLowerInvariant() }),
    }));

    /// <summary>Stops serving.</summary>
    public async ValueTask DisposeAsync()
    {
        _listener.Stop();
        _listener.Close();
        await _loop.ConfigureAwait(false);
    }
}
