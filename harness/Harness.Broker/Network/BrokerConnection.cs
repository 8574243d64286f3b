using System.Buffers;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Threading.Channels;
using Harness.Broker.Cluster;
using Harness.Broker.Faults;
using Harness.Broker.Protocol;
using Harness.Broker.Security;

namespace Harness.Broker.Network;

/// <summary>
/// One client connection. Requests are served one at a time in arrival order, as Kafka does per connection,
/// which is what keeps an idempotent producer's in-flight batches in sequence.
/// </summary>
internal sealed class BrokerConnection
{
    /// <summary>Kafka's socket.request.max.bytes default; larger frames are refused.</summary>
    private const int MaxFrameBytes = 100 * 1024 * 1024;

    /// <summary>Kafka's sasl.server.max.receive.size: the largest frame a client that has not authenticated may send.</summary>
    private const int UnauthenticatedFrameBytes = 512 * 1024;

    /// <summary>Requests read ahead while one is served: a producer keeps up to five in flight.</summary>
    private const int QueuedRequests = 8;

    /// <summary>A client that has not finished its TLS handshake by then is dropped.</summary>
    private static readonly TimeSpan HandshakeTimeout = TimeSpan.FromSeconds(10);

    private readonly Socket _socket;
    private readonly BrokerNode _broker;
    private readonly CancellationTokenSource _closing;
    private readonly CancellationTokenSource _peerGone = new();
    private readonly CancellationTokenSource _waits;
    private readonly string _clientHost;
    private int _closed;

    /// <summary>Set only on clusters with security, before the first request: the unsecured path never looks further.</summary>
    private ConnectionSecurity? _security;
    private SslStream? _tls;

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
        if (_broker.Cluster.Security is { } security && !await SecureAsync(security).ConfigureAwait(false))
        {
            Close(abort: false);
            return;
        }

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
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException or IOException { InnerException: SocketException })
        {
            // The client went away or the broker was killed: nothing to answer. Over TLS the socket's error arrives
            // wrapped in the stream's IOException.
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

            if (_tls is not null)
            {
                await _tls.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    /// <summary>The TLS handshake on TLS listeners, then the connection's security state; false when the handshake failed.</summary>
    private async Task<bool> SecureAsync(ClusterSecurity security)
    {
        string? certificatePrincipal = null;
        if (security.Tls is { } tls)
        {
            var stream = new SslStream(new NetworkStream(_socket, ownsSocket: false), leaveInnerStreamOpen: false);
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(_closing.Token);
            timeout.CancelAfter(HandshakeTimeout);
            try
            {
                await stream.AuthenticateAsServerAsync(tls.ServerOptions, timeout.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is AuthenticationException or IOException or OperationCanceledException or SocketException or ObjectDisposedException)
            {
                BrokerLog.Warn(_broker, $"TLS handshake with {_clientHost} failed: {e.Message}");
                await stream.DisposeAsync().ConfigureAwait(false);
                return false;
            }

            _tls = stream;
            if (stream.RemoteCertificate is { } certificate)
            {
                certificatePrincipal = TlsMaterial.PrincipalOf(certificate);
            }
        }

        _security = new ConnectionSecurity(security, certificatePrincipal);
        return true;
    }

    private async Task ReadFramesAsync(ChannelWriter<RequestFrame> frames)
    {
        var reader = new FrameReader(_socket, _tls);
        var token = _closing.Token;
        try
        {
            while (await reader.ReadAsync(_security is { Authenticated: false } ? UnauthenticatedFrameBytes : MaxFrameBytes, token).ConfigureAwait(false) is { } frame)
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
        if (_security is { State: SaslState.RawTokens })
        {
            return await ServeRawTokenAsync(frame, size).ConfigureAwait(false);
        }

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

        if (_security is { Authenticated: false } && !ConnectionSecurity.AllowedBeforeAuthentication(apiKey))
        {
            BrokerLog.Warn(_broker, $"closing connection from {_clientHost}: {apiKey} request before SASL authentication");
            return false;
        }

        if (_broker.Status == BrokerStatus.Hung)
        {
            await _broker.WhenAnsweringAsync().WaitAsync(token).ConfigureAwait(false);
        }

        if (_broker.Status == BrokerStatus.Down)
        {
            return false;
        }

        var closeAfter = false;
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
            var context = new RequestContext(header, _broker, flexible, _broker.TakeInjectedError(apiKey), _clientHost, token) { Security = _security };
            await handler.HandleAsync(context, reader, writer).ConfigureAwait(false);
            if (context.SuppressResponse)
            {
                return true;
            }

            closeAfter = context.CloseAfterResponse;
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

        return await SendAsync(writer.Complete()).ConfigureAwait(false) && !closeAfter;
    }

    /// <summary>After SaslHandshake v0 a frame is a bare SASL token, answered by a bare size-prefixed token; a failure closes.</summary>
    private async Task<bool> ServeRawTokenAsync(byte[] frame, int size)
    {
        var step = _security!.Evaluate(frame.AsSpan(0, size));
        if (step.Failed)
        {
            BrokerLog.Warn(_broker, $"{_clientHost} failed {_security.Mechanism} authentication: {step.Failure}");
            return false;
        }

        var writer = new KafkaWriter(step.Response.Length + 8);
        writer.WriteExternal(step.Response);
        return await SendAsync(writer.Complete()).ConfigureAwait(false);
    }

    private async Task<bool> SendAsync(IList<ArraySegment<byte>> segments)
    {
        if (_tls is not null)
        {
            await WriteTlsAsync(_tls, segments).ConfigureAwait(false);
            return true;
        }

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

    /// <summary>Small segments are gathered into one buffer so that a response is a few TLS records, not one per segment.</summary>
    private static async Task WriteTlsAsync(SslStream tls, IList<ArraySegment<byte>> segments)
    {
        const int Gather = 16 * 1024;
        var buffer = ArrayPool<byte>.Shared.Rent(Gather);
        try
        {
            var used = 0;
            foreach (var segment in segments)
            {
                if (used + segment.Count <= Gather)
                {
                    segment.AsSpan().CopyTo(buffer.AsSpan(used));
                    used += segment.Count;
                    continue;
                }

                if (used > 0)
                {
                    await tls.WriteAsync(buffer.AsMemory(0, used)).ConfigureAwait(false);
                    used = 0;
                }

                if (segment.Count <= Gather)
                {
                    segment.AsSpan().CopyTo(buffer);
                    used = segment.Count;
                }
                else
                {
                    await tls.WriteAsync(segment.AsMemory()).ConfigureAwait(false);
                }
            }

            if (used > 0)
            {
                await tls.WriteAsync(buffer.AsMemory(0, used)).ConfigureAwait(false);
            }

            await tls.FlushAsync().ConfigureAwait(false);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
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
