using System.Buffers.Binary;
using System.Net.Sockets;
using Harness.Broker.Protocol;

namespace Harness.Broker.Tests.Admin;

/// <summary>
/// A bare protocol connection to one broker, for the versions and edge cases the client libraries never send
/// (DescribeConfigs v0 and v3, requests to a broker that is not the controller).
/// </summary>
internal sealed class RawKafkaConnection : IDisposable
{
    private readonly TcpClient _client;
    private readonly NetworkStream _stream;
    private int _correlationId;

    public RawKafkaConnection(string endpoint)
    {
        var (host, port) = (endpoint[..endpoint.LastIndexOf(':')], int.Parse(endpoint[(endpoint.LastIndexOf(':') + 1)..], System.Globalization.CultureInfo.InvariantCulture));
        _client = new TcpClient(host, port);
        _stream = _client.GetStream();
    }

    /// <summary>Sends one request (body written by <paramref name="body"/>) and returns a reader over the response body.</summary>
    public async Task<KafkaReader> SendAsync(ApiKey api, short version, Action<KafkaWriter> body)
    {
        var correlationId = ++_correlationId;
        var writer = new KafkaWriter();
        writer.WriteInt16((short)api);
        writer.WriteInt16(version);
        writer.WriteInt32(correlationId);
        writer.WriteNullableString("raw-admin-test");
        body(writer);
        foreach (var segment in writer.Complete())
        {
            await _stream.WriteAsync(segment);
        }

        var size = new byte[4];
        await _stream.ReadExactlyAsync(size);
        var frame = new byte[BinaryPrimitives.ReadInt32BigEndian(size)];
        await _stream.ReadExactlyAsync(frame);
        var reader = new KafkaReader(frame, 0, frame.Length);
        reader.ReadInt32().Should().Be(correlationId);
        return reader;
    }

    public void Dispose()
    {
        _stream.Dispose();
        _client.Dispose();
    }
}
