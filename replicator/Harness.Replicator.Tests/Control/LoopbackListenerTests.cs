using System.Net;
using System.Net.Sockets;
using Harness.Replicator.Control;

namespace Harness.Replicator.Tests.Control;

public sealed class LoopbackListenerTests
{
    [Test]
    public async Task A_handler_that_throws_answers_500_with_the_reason_and_the_next_request_is_still_served()
    {
        var calls = 0;
        await using var listener = LoopbackListener.Start(0, request => Interlocked.Increment(ref calls) == 1
            ? throw new InvalidOperationException("not now")
            : HttpReply.Json(200, $"{{\"path\":\"{request.Url!.AbsolutePath}\"}}"));
        using var http = new HttpClient { BaseAddress = listener.BaseUri };

        using var failed = await http.GetAsync(new Uri("a", UriKind.Relative));
        failed.StatusCode.Should().Be(HttpStatusCode.InternalServerError);
        (await failed.Content.ReadAsStringAsync()).Should().Be("InvalidOperationException: not now\n");

        using var served = await http.GetAsync(new Uri("b", UriKind.Relative));
        served.StatusCode.Should().Be(HttpStatusCode.OK);
        served.Content.Headers.ContentType!.MediaType.Should().Be("application/json");
        (await served.Content.ReadAsStringAsync()).Should().Be("{\"path\":\"/b\"}");
    }

    [Test]
    public void A_port_in_use_is_refused_with_HttpListenerException()
    {
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var port = ((IPEndPoint)taken.LocalEndpoint).Port;

        FluentActions.Invoking(() => LoopbackListener.Start(port, _ => HttpReply.Text(200, "")))
            .Should().Throw<HttpListenerException>();
    }
}
