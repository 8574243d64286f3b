using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Harness.Replicator.Control;

/// <summary>
/// Serves the control and metrics endpoints on 127.0.0.1 with <see cref="HttpListener"/>. Every request is answered
/// on a task of its own: a pause waits for each replication task to act on it, and a scrape must not wait for that.
/// </summary>
/// <remarks>
/// As with any HttpListener, a request must be addressed to 127.0.0.1 (not localhost) and a POST must say its length:
/// <c>curl -d '' http://127.0.0.1:N/pause</c>, not a bare <c>curl -X POST</c>, which HttpListener answers with 411.
/// </remarks>
public sealed class LoopbackListener : IAsyncDisposable
{
    private const int PortAttempts = 5;
    private readonly HttpListener _listener;
    private readonly Func<HttpListenerRequest, HttpReply> _handler;
    private readonly Task _serving;

    private LoopbackListener(HttpListener listener, int port, Func<HttpListenerRequest, HttpReply> handler)
    {
        _listener = listener;
        _handler = handler;
        Port = port;
        _serving = Task.Run(ServeAsync);
    }

    /// <summary>The port the endpoint listens on.</summary>
    public int Port { get; }

    /// <summary>The base URL, e.g. http://127.0.0.1:4321/.</summary>
    public Uri BaseUri => new(string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{Port}/"));

    /// <summary>Starts answering on 127.0.0.1:<paramref name="port"/>; 0 takes a free port.</summary>
    /// <exception cref="HttpListenerException">The port is taken.</exception>
    public static LoopbackListener Start(int port, Func<HttpListenerRequest, HttpReply> handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        for (var attempt = 1; ; attempt++)
        {
            var chosen = port == 0 ? UnusedPort() : port;
            var listener = new HttpListener();
            try
            {
                listener.Prefixes.Add(string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{chosen}/"));
                listener.Start();
                return new LoopbackListener(listener, chosen, handler);
            }
            catch (HttpListenerException) when (port == 0 && attempt < PortAttempts)
            {
                // Another process took the unused port between asking and binding; ask again.
                listener.Close();
            }
            catch (ArgumentNullException) when (attempt < PortAttempts)
            {
                // The managed HttpListener on Linux throws this from Start when a client connects while it is still
                // binding (its first accept completes before its lock exists): a harness polling the port for a
                // worker that is starting does exactly that. Binding again succeeds.
                listener.Close();
            }
            catch
            {
                listener.Close();
                throw;
            }
        }
    }

    /// <summary>Stops listening; requests already being answered finish on their own.</summary>
    public async ValueTask DisposeAsync()
    {
        _listener.Close();
        await _serving.ConfigureAwait(false);
    }

    /// <summary>HttpListener cannot bind port 0, so the OS names an unused port through a socket first.</summary>
    private static int UnusedPort()
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)socket.LocalEndPoint!).Port;
    }

    private async Task ServeAsync()
    {
        while (true)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync().ConfigureAwait(false);
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return; // closed
            }

            _ = Task.Run(() => AnswerAsync(context));
        }
    }

    private async Task AnswerAsync(HttpListenerContext context)
    {
        HttpReply reply;
        try
        {
            reply = _handler(context.Request);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            reply = HttpReply.Text(500, $"{e.GetType().Name}: {e.Message}\n");
        }

        var body = Encoding.UTF8.GetBytes(reply.Body);
        var response = context.Response;
        try
        {
            response.StatusCode = reply.Status;
            response.ContentType = reply.ContentType;
            response.ContentLength64 = body.Length;
            await response.OutputStream.WriteAsync(body).ConfigureAwait(false);
            response.Close();
        }
        catch (Exception e) when (e is HttpListenerException or IOException or ObjectDisposedException)
        {
            // The caller went away, or the endpoint is stopping; nobody is left to answer.
        }
    }
}
