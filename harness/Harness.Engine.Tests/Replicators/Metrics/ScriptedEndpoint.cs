using System.Net;
using System.Text;

namespace Harness.Engine.Tests.Replicators.Metrics;

/// <summary>
/// A Prometheus endpoint without a network: it serves <see cref="Page"/> while <see cref="Answering"/>, and refuses
/// the connection otherwise, as a stopped or exhausted replicator's exporter does.
/// </summary>
internal sealed class ScriptedEndpoint : HttpMessageHandler
{
    private volatile bool _answering = true;
    private int _requests;

    public string Page { get; set; } = "kafka_connect_mirror_record_count{topic=\"orders\",partition=\"0\"} 1\n";

    public HttpStatusCode Status { get; set; } = HttpStatusCode.OK;

    public bool Answering
    {
        get => _answering;
        set => _answering = value;
    }

    public int Requests => Volatile.Read(ref _requests);

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _requests);
        if (!_answering)
        {
            throw new HttpRequestException("Connection refused (127.0.0.1:9404)");
        }

        return Task.FromResult(new HttpResponseMessage(Status) { Content = new StringContent(Page, Encoding.UTF8, "text/plain") });
    }
}
