using System.Buffers.Binary;
using System.Net.Sockets;
using Harness.Broker.Protocol;

namespace Harness.Broker.Tests.Fuzz;

/// <summary>A bare TCP connection to one broker for sending arbitrary bytes and reading response frames.</summary>
internal sealed class RawConnection : IDisposable
{
    private readonly TcpClient _client;
    private readonly NetworkStream _stream;

    private RawConnection(TcpClient client)
    {
        _client = client;
        _stream = client.GetStream();
    }

    public static async Task<RawConnection> OpenAsync(string host, int port)
    {
        var client = new TcpClient { NoDelay = true };
        await client.ConnectAsync(host, port);
        return new RawConnection(client);
    }

    public Task SendAsync(byte[] bytes) => _stream.WriteAsync(bytes).AsTask();

    /// <summary>The next response frame without its size prefix, or null when the broker closed the connection or nothing came in time.</summary>
    public async Task<KafkaReader?> ReceiveAsync(TimeSpan timeout)
    {
        using var deadline = new CancellationTokenSource(timeout);
        try
        {
            var size = new byte[4];
            await _stream.ReadExactlyAsync(size, deadline.Token);
            var body = new byte[BinaryPrimitives.ReadInt32BigEndian(size)];
            await _stream.ReadExactlyAsync(body, deadline.Token);
            return new KafkaReader(body, 0, body.Length);
        }
        catch (Exception e) when (e is EndOfStreamException or IOException or OperationCanceledException or SocketException)
        {
            return null;
        }
    }

    /// <summary>Ends with a TCP reset instead of an orderly close.</summary>
    public void Abort()
    {
        _client.Client.LingerState = new LingerOption(true, 0);
        _client.Dispose();
    }

    public void Dispose() => _client.Dispose();
}
