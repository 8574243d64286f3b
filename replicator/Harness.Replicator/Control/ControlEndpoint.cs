using System.Globalization;
using System.Net;
using System.Text.Json;
using Harness.Replicator.Source;

namespace Harness.Replicator.Control;

/// <summary>
/// The routes of the loopback control endpoint the harness drives: <c>GET /status</c>, <c>POST /pause</c>,
/// <c>POST /resume</c>, <c>POST /ballast?mib=N</c> (hold N MiB of heap; 0 frees) and <c>GET /metrics</c>
/// (Prometheus text).
/// </summary>
public sealed class ControlEndpoint(MirrorReplicator replicator, HeapBallast ballast, Func<string>? metrics = null)
{
    /// <summary>Answers one request.</summary>
    public HttpReply Handle(HttpListenerRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var method = request.HttpMethod.ToUpperInvariant();
        var path = request.Url!.AbsolutePath;
        return (method, path.TrimEnd('/')) switch
        {
            ("GET", "/status") => Status(),
            ("POST", "/pause") => SetPaused(true),
            ("POST", "/resume") => SetPaused(false),
            ("POST", "/ballast") => Ballast(request.QueryString["mib"]),
            ("GET", "/metrics") when metrics is not null => new HttpReply(200, Metrics.PrometheusFormatter.ContentType, metrics()),
            ("GET", "") => HttpReply.Text(200, "GET /status, POST /pause, POST /resume, POST /ballast?mib=N, GET /metrics\n"),
            (_, "/status" or "/pause" or "/resume" or "/ballast" or "/metrics") => HttpReply.Text(405, $"{method} is not allowed on {path}\n"),
            _ => HttpReply.Text(404, $"no route {path}; see GET /\n"),
        };
    }

    private HttpReply Status()
    {
        var status = replicator.Status();
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("state", status.State.ToString().ToLowerInvariant());
            json.WriteBoolean("running", status.Running);
            json.WriteBoolean("paused", status.Paused);
            json.WriteNumber("records", status.Records);
            if (status.Lag is { } lag)
            {
                json.WriteNumber("lag", lag);
            }
            else
            {
                json.WriteNull("lag");
            }

            json.WriteNumber("tasks", status.Tasks);
            json.WriteNumber("partitions", status.Partitions);
            json.WriteNumber("checkpoints", status.Checkpoints);
            json.WriteNumber("ballast-mib", ballast.HeldMiB);
            json.WriteNumber("gc-heap-bytes", GC.GetTotalMemory(false));
            json.WriteNumber("rss-bytes", Environment.WorkingSet);
            if (status.Failure is { } failure)
            {
                json.WriteString("failure", failure);
            }

            json.WriteEndObject();
        }

        return HttpReply.Json(200, System.Text.Encoding.UTF8.GetString(buffer.ToArray()) + "\n");
    }

    private HttpReply SetPaused(bool paused)
    {
        replicator.Paused = paused;
        return HttpReply.Json(200, paused ? "{\"paused\":true}\n" : "{\"paused\":false}\n");
    }

    private HttpReply Ballast(string? text)
    {
        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var mib))
        {
            return HttpReply.Text(400, "POST /ballast?mib=N with N >= 0 MiB\n");
        }

        var held = ballast.Set(mib);
        var body = string.Create(CultureInfo.InvariantCulture, $"{{\"requested-mib\":{mib},\"ballast-mib\":{held}}}\n");
        return HttpReply.Json(held == mib ? 200 : 507, body);
    }
}
