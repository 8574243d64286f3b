using Microsoft.Win32.SafeHandles;

namespace Harness.Broker.Storage;

/// <summary>
/// Appends to a file through a small buffer, so a stream of small batches costs one write call per buffer, not one per
/// batch (on ext4 each extending write takes the journal and the inode). Readers of the file flush it first.
/// </summary>
internal sealed class BufferedFileWriter(int capacity)
{
    private byte[]? _buffer;
    private int _length;

    /// <summary>Bytes handed to the OS so far.</summary>
    public long FlushedLength { get; private set; }

    public void Write(SafeFileHandle handle, ReadOnlySpan<byte> data)
    {
        if (_length + data.Length > capacity)
        {
            Flush(handle);
        }

        if (data.Length >= capacity)
        {
            RandomAccess.Write(handle, data, FlushedLength);
            FlushedLength += data.Length;
            return;
        }

        _buffer ??= GC.AllocateUninitializedArray<byte>(capacity);
        data.CopyTo(_buffer.AsSpan(_length));
        _length += data.Length;
    }

    public void Flush(SafeFileHandle handle)
    {
        if (_length > 0)
        {
            RandomAccess.Write(handle, _buffer.AsSpan(0, _length), FlushedLength);
            FlushedLength += _length;
            _length = 0;
        }
    }

    /// <summary>Flushes and lets the buffer go (the file takes no more writes).</summary>
    public void Close(SafeFileHandle handle)
    {
        Flush(handle);
        _buffer = null;
    }
}
