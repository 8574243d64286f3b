using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Harness.Replicator.Control;

/// <summary>
/// A very small HTTP/1.1 server on 127.0.0.1 for the control and metrics endpoints: one request per connection,
/// bodies ignored, answers closed after writing. Built on a <see cref="TcpListener"/> rather than HttpListener so
/// port 0 really means "pick a free port" and nothing ever listens beyond loopback.
/// </summary>
public sealed class LoopbackHttpServer : IAsyncDisposable
{
    private const int MaxHeadBytes = 16 * 1024;
    private readonly TcpListener _listener;
    private readonly Func<HttpRequestLine, HttpReply> _handler;
    private readonly CancellationTokenSource _stopping = new();
    private readonly Task _accepting;

    private LoopbackHttpServer(TcpListener listener, Func<HttpRequestLine, HttpReply> handler)
    {
        _listener = listener;
        _handler = handler;
        _accepting = Task.Run(AcceptAsync);
    }

    /// <summary>The port the server listens on.</summary>
    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    /// <summary>The base URL, e.g. http://127.0.0.1:4321/.</summary>
    public Uri BaseUri => new($"http://127.0.0.1:{Port.ToString(CultureInfo.InvariantCulture)}/");

    /// <summary>Starts listening on <paramref name="port"/> (0 = any free port).</summary>
    /// <exception cref="SocketException">The port is taken.</exception>
    public static LoopbackHttpServer Start(int port, Func<HttpRequestLine, HttpReply> handler)
    {
        var listener = new TcpListener(IPAddress.Loopback, port);
        listener.Start();
        return new LoopbackHttpServer(listener, handler);
    }

    /// <summary>Stops listening; requests being answered finish.</summary>
    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        _listener.Stop();
        try
        {
            await _accepting.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Expected on stop.
        }

        _stopping.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stopping.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stopping.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException or OperationCanceledException)
            {
                return;
            }

            _ = Task.Run(() => ServeAsync(client));
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using (client)
        {
            try
            {
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(_stopping.Token);
                timeout.CancelAfter(TimeSpan.FromSeconds(10));
                var stream = client.GetStream();
                var request = await ReadRequestAsync(stream, timeout.Token).ConfigureAwait(false);
                HttpReply reply;
                if (request is null)
                {
                    reply = HttpReply.Text(400, "bad request\n");
                }
                else
                {
                    try
                    {
                        reply = _handler(request);
                    }
                    catch (Exception e) when (e is not OutOfMemoryException)
                    {
                        reply = HttpReply.Text(500, $"{e.GetType().Name}: {e.Message}\n");
                    }
                }

                var body = Encoding.UTF8.GetBytes(reply.Body);
                var head = Encoding.ASCII.GetBytes(string.Create(CultureInfo.InvariantCulture,
                    $"HTTP/1.1 {reply.Status} {Reason(reply.Status)}\r\nContent-Type: {reply.ContentType}\r\nContent-Length: {body.Length}\r\nConnection: close\r\n\r\n"));
                await stream.WriteAsync(head, timeout.Token).ConfigureAwait(false);
                await stream.WriteAsync(body, timeout.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
            {
                // The client went away or was too slow; nothing to answer.
            }
        }
    }

    private static async Task<HttpRequestLine?> ReadRequestAsync(NetworkStream stream, CancellationToken cancellation)
    {
        var buffer = new byte[MaxHeadBytes];
        var length = 0;
        int end;
        while ((end = IndexOfHeadEnd(buffer, length)) < 0)
        {
            if (length == buffer.Length)
            {
                return null;
            }

            var read = await stream.ReadAsync(buffer.AsMemory(length), cancellation).ConfigureAwait(false);
            if (read == 0)
            {
                return null;
            }

            length += read;
        }

        var head = Encoding.ASCII.GetString(buffer, 0, end);
        var requestLine = head.Split("\r\n")[0].Split(' ');
        if (requestLine.Length < 2)
        {
            return null;
        }

        var target = requestLine[1];
        var question = target.IndexOf('?', StringComparison.Ordinal);
        var path = question < 0 ? target : target[..question];
        var query = new Dictionary<string, string>(StringComparer.Ordinal);
        if (question >= 0)
        {
            foreach (var pair in target[(question + 1)..].Split('&', StringSplitOptions.RemoveEmptyEntries))
            {
                var equals = pair.IndexOf('=', StringComparison.Ordinal);
                var key = Uri.UnescapeDataString(equals < 0 ? pair : pair[..equals]);
                query[key] = equals < 0 ? "" : Uri.UnescapeDataString(pair[(equals + 1)..]);
            }
        }

        return new HttpRequestLine(requestLine[0].ToUpperInvariant(), path, query);
    }

    private static int IndexOfHeadEnd(byte[] buffer, int length)
    {
        var index = buffer.AsSpan(0, length).IndexOf("\r\n\r\n"u8);
        return index < 0 ? -1 : index;
    }

    private static string Reason(int status) => status switch
    {
        200 => "OK",
        400 => "Bad Request",
        404 => "Not Found",
        405 => "Method Not Allowed",
        500 => "Internal Server Error",
        503 => "Service Unavailable",
        507 => "Insufficient Storage",
        _ => "Status",
    };
}
