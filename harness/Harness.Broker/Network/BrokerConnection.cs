using System.Buffers;
using System.Net;
using System.Net.Sockets;
using System.Threading.Channels;
using Harness.Broker.Cluster;
using Harness.Broker.Faults;
using Harness.Broker.Protocol;

namespace Harness.Broker.Network;

/// <summary>
/// One client connection. Requests are served one at a time in arrival order, as Kafka does per connection,
/// which is what keeps an idempotent producer's in-flight batches in sequence.
/// </summary>
internal sealed class BrokerConnection
{
    /// <summary>Kafka's socket.request.max.bytes default; larger frames are refused.</summary>
    private const int MaxFrameBytes = 100 * 1024 * 1024;

    /// <summary>Requests read ahead while one is served: a producer keeps up to five in flight.</summary>
    private const int QueuedRequests = 8;

    private readonly Socket _socket;
    private readonly BrokerNode _broker;
    private readonly CancellationTokenSource _closing;
    private readonly CancellationTokenSource _peerGone = new();
    private readonly CancellationTokenSource _waits;
    private readonly string _clientHost;
    private int _closed;

    public BrokerConnection(Socket socket, BrokerNode broker, CancellationToken brokerStopping)
    {
        _socket = socket;
        _broker = broker;
        _closing = CancellationTokenSource.CreateLinkedTokenSource(brokerStopping);
        _waits = CancellationTokenSource.CreateLinkedTokenSource(_closing.Token, _peerGone.Token);
        _clientHost = (socket.RemoteEndPoint as IPEndPoint)?.Address.ToString() ?? "unknown";
    }

    /// <summary>Closes the connection with a TCP reset, as a crashed broker's connections end.</summary>
    public void Reset() => Close(abort: true);

    /// <summary>
    /// Ends the connection once. A reset is kept for faults: a client that hung up, or a request Kafka would refuse,
    /// gets an orderly close, because clients log a reset as a broker failure.
    /// </summary>
    private void Close(bool abort)
    {
        if (Interlocked.Exchange(ref _closed, 1) == 1)
        {
            return;
        }

        try
        {
            if (abort)
            {
                _socket.LingerState = new LingerOption(true, 0);
            }
            else
            {
                _socket.Shutdown(SocketShutdown.Both);
            }
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
            // Already closed by the peer.
        }

        _closing.Cancel();
        _socket.Dispose();
    }

    /// <summary>
    /// Reads requests on one task and serves them in order on this one. Reading ahead lets a client's pipelined
    /// requests arrive while one is served, and notices a client that hung up during a long poll or a hang: the
    /// requests it already sent are still served (as Kafka does), but nothing waits on its behalf any longer.
    /// </summary>
    public async Task RunAsync()
    {
        var frames = Channel.CreateBounded<RequestFrame>(new BoundedChannelOptions(QueuedRequests) { SingleReader = true, SingleWriter = true });
        var reading = ReadFramesAsync(frames.Writer);
        var token = _waits.Token;
        try
        {
            await foreach (var frame in frames.Reader.ReadAllAsync(CancellationToken.None).ConfigureAwait(false))
            {
                try
                {
                    if (Volatile.Read(ref _closed) == 1 || !await ServeAsync(frame.Buffer, frame.Size, token).ConfigureAwait(false))
                    {
                        return;
                    }
                }
                finally
                {
                    ArrayPool<byte>.Shared.Return(frame.Buffer);
                }
            }
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            // The client went away or the broker was killed: nothing to answer.
        }
        catch (ProtocolException e)
        {
            BrokerLog.Warn(_broker, $"closing connection from {_clientHost}: {e.Message}");
        }
#pragma warning disable CA1031 // One bad request must never take the broker down; the connection is closed instead.
        catch (Exception e)
#pragma warning restore CA1031
        {
            _broker.ReportInternalError();
            BrokerLog.Error(_broker, $"closing connection from {_clientHost} after an internal error: {e}");
        }
        finally
        {
            Close(abort: false);
            await reading.ConfigureAwait(false);
            while (frames.Reader.TryRead(out var left))
            {
                ArrayPool<byte>.Shared.Return(left.Buffer);
            }
        }
    }

    private async Task ReadFramesAsync(ChannelWriter<RequestFrame> frames)
    {
        var reader = new FrameReader(_socket);
        var token = _closing.Token;
        try
        {
            while (await reader.ReadAsync(MaxFrameBytes, token).ConfigureAwait(false) is { } frame)
            {
                try
                {
                    await frames.WriteAsync(frame, token).ConfigureAwait(false);
                }
                catch
                {
                    ArrayPool<byte>.Shared.Return(frame.Buffer);
                    throw;
                }
            }
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            // Closed by the broker, or reset by the peer.
        }
        catch (ProtocolException e)
        {
            BrokerLog.Warn(_broker, $"closing connection from {_clientHost}: {e.Message}");
        }
        finally
        {
            frames.TryComplete();

            // The peer is gone (or sent garbage): stop any wait on its behalf; frames already queued are still served.
            await _peerGone.CancelAsync().ConfigureAwait(false);
        }
    }

    private async Task<bool> ServeAsync(byte[] frame, int size, CancellationToken token)
    {
        var reader = new KafkaReader(frame, 0, size);
        var apiKey = (ApiKey)reader.ReadInt16();
        var version = reader.ReadInt16();
        var correlationId = reader.ReadInt32();
        var handler = _broker.Dispatcher.Find(apiKey);
        var flexible = handler is not null && version >= handler.FirstFlexibleVersion;
        string? clientId = null;
        if (handler is not null && version >= handler.MinVersion && version <= handler.MaxVersion)
        {
            clientId = reader.ReadNullableString();
            if (flexible)
            {
                reader.SkipTaggedFields();
            }
        }

        if (_broker.Status == BrokerStatus.Hung)
        {
            await _broker.WhenAnsweringAsync().WaitAsync(token).ConfigureAwait(false);
        }

        if (_broker.Status == BrokerStatus.Down)
        {
            return false;
        }

        var writer = new KafkaWriter(size < 4096 ? 256 : 4096);
        writer.WriteInt32(correlationId);
        if (handler is null || version < handler.MinVersion || version > handler.MaxVersion)
        {
            // The ApiVersions v0 error shape: clients that sent a newer ApiVersions retry with our range, and
            // every other client sees UNSUPPORTED_VERSION rather than a silent disconnect.
            BrokerLog.Warn(_broker, $"{_clientHost} asked for {apiKey} v{version}, which is not served");
            writer.WriteInt16(ErrorCode.UnsupportedVersion);
            WriteApiVersions(writer, _broker.Dispatcher);
        }
        else
        {
            if (flexible && apiKey != ApiKey.ApiVersions)
            {
                writer.WriteEmptyTaggedFields();
            }

            var header = new RequestHeader(apiKey, version, correlationId, clientId);
            var context = new RequestContext(header, _broker, flexible, _broker.TakeInjectedError(apiKey), _clientHost, token);
            await handler.HandleAsync(context, reader, writer).ConfigureAwait(false);
            if (context.SuppressResponse)
            {
                return true;
            }
        }

        if (_broker.Latency > TimeSpan.Zero)
        {
            await Task.Delay(_broker.Latency, token).ConfigureAwait(false);
        }

        if (_broker.Status == BrokerStatus.Hung)
        {
            // A long poll that ended while the broker hung must not answer either.
            await _broker.WhenAnsweringAsync().WaitAsync(token).ConfigureAwait(false);
        }

        if (_broker.Status == BrokerStatus.Down)
        {
            return false;
        }

        if (_broker.TakeDroppedResponse(apiKey))
        {
            // The work is done but the answer is lost: the client must retry, which idempotence has to absorb.
            Reset();
            return false;
        }

        var segments = writer.Complete();
        var total = 0;
        foreach (var segment in segments)
        {
            total += segment.Count;
        }

        var sent = 0;
        while (sent < total)
        {
            var n = await _socket.SendAsync(sent == 0 ? segments : Remaining(segments, sent), SocketFlags.None).ConfigureAwait(false);
            if (n <= 0)
            {
                return false;
            }

            sent += n;
        }

        return true;
    }

    /// <summary>The version ranges of the ApiVersions response body (after the error code), in v0 layout.</summary>
    internal static void WriteApiVersions(KafkaWriter writer, RequestDispatcher dispatcher)
    {
        var handlers = dispatcher.Handlers.ToList();
        writer.WriteArrayLength(handlers.Count);
        foreach (var h in handlers)
        {
            writer.WriteInt16((short)h.Key);
            writer.WriteInt16(h.MinVersion);
            writer.WriteInt16(h.MaxVersion);
        }
    }

    private static List<ArraySegment<byte>> Remaining(IList<ArraySegment<byte>> segments, int skip)
    {
        var rest = new List<ArraySegment<byte>>();
        foreach (var segment in segments)
        {
            if (skip >= segment.Count)
            {
                skip -= segment.Count;
                continue;
            }

            rest.Add(segment.Slice(skip));
            skip = 0;
        }

        return rest;
    }
}
