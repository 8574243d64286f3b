using System.Buffers;
using System.Buffers.Binary;
using System.Net.Sockets;
using Harness.Broker.Protocol;

namespace Harness.Broker.Network;

/// <summary>
/// Cuts size-prefixed request frames out of a socket. Small requests are read many at a time through one buffer
/// (one receive call for several fetch requests, not two per request); a large frame's body is received straight
/// into its own buffer. Frames up to 1 MiB get their whole buffer at once; beyond that the buffer grows only as bytes
/// arrive, so a bogus size prefix costs at most 1 MiB until data follows.
/// </summary>
internal sealed class FrameReader
{
    private const int InitialFrameBytes = 1024 * 1024;
    private readonly Socket _socket;
    private readonly Stream? _stream;
    private readonly byte[] _buffer = new byte[64 * 1024];
    private int _start;
    private int _end;

    /// <summary>Reads from <paramref name="stream"/> (a TLS stream over the socket) when given, else from the socket itself.</summary>
    public FrameReader(Socket socket, Stream? stream = null)
    {
        _socket = socket;
        _stream = stream;
    }

    /// <summary>The next frame (its buffer rented from the shared pool), or null when the peer closed the connection.</summary>
    public async ValueTask<RequestFrame?> ReadAsync(int maxFrameBytes, CancellationToken token)
    {
        if (!await FillAsync(4, token).ConfigureAwait(false))
        {
            return null;
        }

        var size = BinaryPrimitives.ReadInt32BigEndian(_buffer.AsSpan(_start));
        if (size < 8 || size > maxFrameBytes)
        {
            throw new ProtocolException($"frame size {size} is outside 8..{maxFrameBytes}");
        }

        _start += 4;
        var frame = ArrayPool<byte>.Shared.Rent(Math.Min(size, InitialFrameBytes));
        var have = 0;
        try
        {
            while (have < size)
            {
                if (_end > _start)
                {
                    var take = Math.Min(size - have, _end - _start);
                    frame = Ensure(frame, have, have + take, size);
                    _buffer.AsSpan(_start, take).CopyTo(frame.AsSpan(have));
                    _start += take;
                    have += take;
                    continue;
                }

                if (size - have >= _buffer.Length)
                {
                    frame = Ensure(frame, have, Math.Min(size, have + _buffer.Length), size);
                    var n = await ReceiveAsync(frame.AsMemory(have, Math.Min(frame.Length, size) - have), token).ConfigureAwait(false);
                    if (n == 0)
                    {
                        ArrayPool<byte>.Shared.Return(frame);
                        return null;
                    }

                    have += n;
                }
                else if (!await FillAsync(1, token).ConfigureAwait(false))
                {
                    ArrayPool<byte>.Shared.Return(frame);
                    return null;
                }
            }
        }
        catch
        {
            ArrayPool<byte>.Shared.Return(frame);
            throw;
        }

        return new RequestFrame(frame, size);
    }

    /// <summary>A buffer holding at least <paramref name="needed"/> bytes (never more than the frame needs), keeping the first <paramref name="used"/>.</summary>
    private static byte[] Ensure(byte[] frame, int used, int needed, int size)
    {
        if (needed <= frame.Length)
        {
            return frame;
        }

        var bigger = ArrayPool<byte>.Shared.Rent((int)Math.Min(size, Math.Max(needed, frame.Length * 2L)));
        frame.AsSpan(0, used).CopyTo(bigger);
        ArrayPool<byte>.Shared.Return(frame);
        return bigger;
    }

    /// <summary>Reads until at least <paramref name="count"/> bytes are buffered; false at end of stream.</summary>
    private async ValueTask<bool> FillAsync(int count, CancellationToken token)
    {
        if (_end - _start >= count)
        {
            return true;
        }

        if (_start > 0)
        {
            _buffer.AsSpan(_start, _end - _start).CopyTo(_buffer);
            _end -= _start;
            _start = 0;
        }

        while (_end < count)
        {
            var n = await ReceiveAsync(_buffer.AsMemory(_end), token).ConfigureAwait(false);
            if (n == 0)
            {
                return false;
            }

            _end += n;
        }

        return true;
    }

    private ValueTask<int> ReceiveAsync(Memory<byte> into, CancellationToken token) =>
        _stream is null ? _socket.ReceiveAsync(into, SocketFlags.None, token) : _stream.ReadAsync(into, token);
}
