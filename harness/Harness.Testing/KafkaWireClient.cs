using System.Buffers.Binary;
using System.Globalization;
using System.Net.Sockets;
using FluentAssertions;
using Harness.Broker.Protocol;

namespace Harness.Testing;

/// <summary>
/// A bare Kafka protocol connection to one broker, for what client libraries never send: old or odd request versions,
/// group member ids and generations by hand, requests to the wrong broker, and arbitrary (fuzzed) bytes.
/// </summary>
public sealed class KafkaWireClient : IDisposable
{
    private readonly TcpClient _client;
    private readonly NetworkStream _stream;
    private int _correlationId;

    public KafkaWireClient(string host, int port, string clientId = "wire-test")
    {
        // No Nagle delay: a request goes out in several writes, and tests time what comes back.
        _client = new TcpClient(host, port) { NoDelay = true };
        _stream = _client.GetStream();
        ClientId = clientId;
    }

    /// <summary>The client id every request header carries.</summary>
    public string ClientId { get; }

    /// <summary>Connects to a <c>host:port</c> endpoint.</summary>
    public static KafkaWireClient Connect(string endpoint, string clientId = "wire-test")
    {
        var colon = endpoint.LastIndexOf(':');
        return new KafkaWireClient(endpoint[..colon], int.Parse(endpoint[(colon + 1)..], CultureInfo.InvariantCulture), clientId);
    }

    /// <summary>Sends one request (body written by <paramref name="body"/>) and returns a reader over the response body, past its correlation id.</summary>
    public Task<KafkaReader> SendAsync(ApiKey api, short version, Action<KafkaWriter> body) => SendAsync(api, version, body, flexible: false);

    /// <summary>
    /// Sends one request; with <paramref name="flexible"/> the request header (v2) and the response header (v1) carry
    /// tagged fields, as for an API's flexible versions, and the reader starts past the response header's.
    /// </summary>
    public async Task<KafkaReader> SendAsync(ApiKey api, short version, Action<KafkaWriter> body, bool flexible)
    {
        var correlationId = ++_correlationId;
        var writer = new KafkaWriter();
        writer.WriteInt16((short)api);
        writer.WriteInt16(version);
        writer.WriteInt32(correlationId);
        writer.WriteNullableString(ClientId);
        if (flexible)
        {
            writer.WriteEmptyTaggedFields();
        }

        body(writer);
        foreach (var segment in writer.Complete())
        {
            await _stream.WriteAsync(segment).ConfigureAwait(false);
        }

        var reader = await ReadFrameAsync(CancellationToken.None).ConfigureAwait(false);
        reader.ReadInt32().Should().Be(correlationId, "responses come back in request order");
        if (flexible)
        {
            reader.SkipTaggedFields();
        }

        return reader;
    }

    /// <summary>Writes <paramref name="bytes"/> as they are, no size prefix or header added; read what comes back with <see cref="ReceiveAsync"/>.</summary>
    public Task SendAsync(byte[] bytes) => _stream.WriteAsync(bytes).AsTask();

    /// <summary>The next response frame without its size prefix, or null when the broker closed the connection or nothing came in time.</summary>
    public async Task<KafkaReader?> ReceiveAsync(TimeSpan timeout)
    {
        using var deadline = new CancellationTokenSource(timeout);
        try
        {
            return await ReadFrameAsync(deadline.Token).ConfigureAwait(false);
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
        Dispose();
    }

    public void Dispose()
    {
        _stream.Dispose();
        _client.Dispose();
    }

    private async Task<KafkaReader> ReadFrameAsync(CancellationToken cancellation)
    {
        var size = new byte[4];
        await _stream.ReadExactlyAsync(size, cancellation).ConfigureAwait(false);
        var frame = new byte[BinaryPrimitives.ReadInt32BigEndian(size)];
        await _stream.ReadExactlyAsync(frame, cancellation).ConfigureAwait(false);
        return new KafkaReader(frame, 0, frame.Length);
    }
}
