using System.Buffers.Binary;
using System.Net.Sockets;
using Harness.Broker.Protocol;

namespace Harness.Broker.Tests.Groups;

/// <summary>
/// A bare protocol connection to one broker for the group protocol cases client libraries hide (member ids,
/// generations, fencing, session expiry). One request at a time, like a real client connection.
/// </summary>
internal sealed class GroupWireClient : IDisposable
{
    private readonly TcpClient _client;
    private readonly NetworkStream _stream;
    private int _correlationId;

    public GroupWireClient(string host, int port, string clientId)
    {
        _client = new TcpClient(host, port);
        _stream = _client.GetStream();
        ClientId = clientId;
    }

    public string ClientId { get; }

    public async Task<KafkaReader> SendAsync(ApiKey api, short version, Action<KafkaWriter> body)
    {
        var correlationId = ++_correlationId;
        var writer = new KafkaWriter();
        writer.WriteInt16((short)api);
        writer.WriteInt16(version);
        writer.WriteInt32(correlationId);
        writer.WriteNullableString(ClientId);
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
