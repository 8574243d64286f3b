using System.Buffers.Binary;
using Microsoft.Win32.SafeHandles;

namespace Harness.Broker.Storage;

/// <summary>
/// One segment of a partition on disk, named after its base offset as Kafka names them: <c>N.log</c> holds batches as
/// received, <c>N.index</c> a sparse offset index (relative offset, file position: 8 bytes an entry, one per
/// index interval of bytes) and <c>N.timeindex</c> a sparse time index (largest timestamp before an offset, relative
/// offset: 12 bytes an entry). Only a few numbers per segment stay in memory; lookups read the index files, which the
/// page cache keeps hot.
/// </summary>
internal sealed class LogSegment : IDisposable
{
    public const int IndexEntryBytes = 8;
    public const int TimeIndexEntryBytes = 12;

    private const int LogBufferBytes = 64 << 10;
    private const int IndexBufferBytes = 4 << 10;

    private readonly int _indexInterval;
    private readonly BufferedFileWriter _logWriter = new(LogBufferBytes);
    private readonly BufferedFileWriter _indexWriter = new(IndexBufferBytes);
    private readonly BufferedFileWriter _timeIndexWriter = new(IndexBufferBytes);
    private bool _closed;
    private readonly SafeFileHandle _log;
    private SafeFileHandle? _index;
    private SafeFileHandle? _timeIndex;
    private string _stem;
    private int _bytesSinceIndexEntry;
    private long _indexEntries;
    private long _timeIndexEntries;
    private long _lastIndexedTimestamp = -1;

    private LogSegment(string stem, long baseOffset, int indexInterval)
    {
        _stem = stem;
        BaseOffset = baseOffset;
        _indexInterval = indexInterval;
        const FileShare share = FileShare.ReadWrite | FileShare.Delete;
        _log = File.OpenHandle(stem + ".log", FileMode.CreateNew, FileAccess.ReadWrite, share);
        _index = File.OpenHandle(stem + ".index", FileMode.CreateNew, FileAccess.ReadWrite, share);
        _timeIndex = File.OpenHandle(stem + ".timeindex", FileMode.CreateNew, FileAccess.ReadWrite, share);
    }

    public long BaseOffset { get; }

    /// <summary>Bytes of batches in the .log file.</summary>
    public long Size { get; private set; }

    /// <summary>Last offset of the last batch, or -1 when empty.</summary>
    public long LastOffset { get; private set; } = -1;

    /// <summary>The largest max timestamp of its data batches, or -1; retention.ms ages the segment by it.</summary>
    public long MaxTimestamp { get; private set; } = -1;

    /// <summary>File position of the first data batch carrying <see cref="MaxTimestamp"/>, or -1.</summary>
    public long MaxTimestampPosition { get; private set; } = -1;

    /// <summary>The broker's clock at the segment's first append (segment.ms counts from it; -1 while empty) and at its last (min.compaction.lag.ms).</summary>
    public long OpenedMs { get; private set; } = -1;

    public long LastAppendMs { get; private set; }

    /// <summary>When the cleaner first passed this segment, or -1; its tombstones and abort markers expire delete.retention.ms later.</summary>
    public long CleanedAtMs { get; set; } = -1;

    /// <summary>The cleaner left a tombstone or an abort marker in it.</summary>
    public bool HoldsDeletes { get; set; }

    public static string StemFor(string directory, long baseOffset, string suffix = "") =>
        Path.Combine(directory, baseOffset.ToString("D20", System.Globalization.CultureInfo.InvariantCulture) + suffix);

    public static LogSegment Create(string directory, long baseOffset, int indexInterval, string suffix = "") =>
        new(StemFor(directory, baseOffset, suffix), baseOffset, indexInterval);

    /// <summary>Writes a batch at the end of the file, through a write buffer that every read of this segment flushes first.</summary>
    public void Append(ReadOnlySpan<byte> batch, long nowMs)
    {
        if (Size > 0 && _bytesSinceIndexEntry >= _indexInterval)
        {
            AddIndexEntries(RecordBatchFields.BaseOffset(batch));
        }

        _logWriter.Write(_log, batch);
        if (!RecordBatchFields.IsControl(batch))
        {
            var maxTimestamp = RecordBatchFields.MaxTimestamp(batch);
            if (maxTimestamp > MaxTimestamp)
            {
                MaxTimestamp = maxTimestamp;
                MaxTimestampPosition = Size;
            }
        }

        if (Size == 0)
        {
            OpenedMs = nowMs;
        }

        Size += batch.Length;
        _bytesSinceIndexEntry += batch.Length;
        LastOffset = RecordBatchFields.LastOffset(batch);
        LastAppendMs = nowMs;
    }

    private void AddIndexEntries(long nextBaseOffset)
    {
        Span<byte> entry = stackalloc byte[TimeIndexEntryBytes];
        var relative = (int)(nextBaseOffset - BaseOffset);
        BinaryPrimitives.WriteInt32BigEndian(entry, relative);
        BinaryPrimitives.WriteInt32BigEndian(entry[4..], (int)Size);
        _indexWriter.Write(_index!, entry[..IndexEntryBytes]);
        _indexEntries++;
        _bytesSinceIndexEntry = 0;

        // Every record before nextBaseOffset has a timestamp at or below MaxTimestamp: a search for a later time starts here.
        if (MaxTimestamp > _lastIndexedTimestamp)
        {
            BinaryPrimitives.WriteInt64BigEndian(entry, MaxTimestamp);
            BinaryPrimitives.WriteInt32BigEndian(entry[8..], relative);
            _timeIndexWriter.Write(_timeIndex!, entry);
            _timeIndexEntries++;
            _lastIndexedTimestamp = MaxTimestamp;
        }
    }

    /// <summary>The file position of the last indexed batch starting at or before <paramref name="offset"/> (0 when none).</summary>
    public long PositionAtOrBefore(long offset)
    {
        var relative = offset - BaseOffset;
        Span<byte> entry = stackalloc byte[IndexEntryBytes];
        long low = 0, high = _indexEntries - 1, position = 0;
        if (high < 0)
        {
            return 0;
        }

        Flush();
        using var opened = _index is null ? Open(".index") : null;
        var index = _index ?? opened!;
        while (low <= high)
        {
            var mid = (low + high) >>> 1;
            RandomAccess.Read(index, entry, mid * IndexEntryBytes);
            if (BinaryPrimitives.ReadInt32BigEndian(entry) <= relative)
            {
                position = BinaryPrimitives.ReadInt32BigEndian(entry[4..]);
                low = mid + 1;
            }
            else
            {
                high = mid - 1;
            }
        }

        return position;
    }

    /// <summary>An offset before which every record's timestamp is below <paramref name="timestamp"/> (the base offset when none is known).</summary>
    public long OffsetBeforeTimestamp(long timestamp)
    {
        Span<byte> entry = stackalloc byte[TimeIndexEntryBytes];
        long low = 0, high = _timeIndexEntries - 1, offset = BaseOffset;
        if (high < 0)
        {
            return offset;
        }

        Flush();
        using var opened = _timeIndex is null ? Open(".timeindex") : null;
        var timeIndex = _timeIndex ?? opened!;
        while (low <= high)
        {
            var mid = (low + high) >>> 1;
            RandomAccess.Read(timeIndex, entry, mid * TimeIndexEntryBytes);
            if (BinaryPrimitives.ReadInt64BigEndian(entry) < timestamp)
            {
                offset = BaseOffset + BinaryPrimitives.ReadInt32BigEndian(entry[8..]);
                low = mid + 1;
            }
            else
            {
                high = mid - 1;
            }
        }

        return offset;
    }

    /// <summary>Reads up to buffer.Length bytes at <paramref name="position"/>; returns how many were read.</summary>
    public int ReadAt(long position, Span<byte> buffer)
    {
        Flush();
        var total = 0;
        while (total < buffer.Length)
        {
            var read = RandomAccess.Read(_log, buffer[total..], position + total);
            if (read == 0)
            {
                break;
            }

            total += read;
        }

        return total;
    }

    /// <summary>Renames this segment's files to <paramref name="stem"/> (the segment it replaces, closed and deleted first).</summary>
    public void TakeNamesOf(string stem)
    {
        foreach (var extension in new[] { ".log", ".index", ".timeindex" })
        {
            File.Move(_stem + extension, stem + extension, overwrite: true);
        }

        _stem = stem;
    }

    public string Stem => _stem;

    /// <summary>
    /// The segment rolled: nothing more is appended, so its index files are closed and opened only for a lookup (rare:
    /// consumers reading on are served from read hints). A partition then holds one open file per segment, not three.
    /// </summary>
    public void Seal()
    {
        if (_closed)
        {
            return;
        }

        _logWriter.Close(_log);
        if (_index is not null)
        {
            _indexWriter.Close(_index);
            _timeIndexWriter.Close(_timeIndex!);
        }

        _index?.Dispose();
        _index = null;
        _timeIndex?.Dispose();
        _timeIndex = null;
    }

    private SafeFileHandle Open(string extension) => File.OpenHandle(_stem + extension, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);

    /// <summary>Hands buffered writes to the OS.</summary>
    public void Flush()
    {
        if (_closed)
        {
            return;
        }

        _logWriter.Flush(_log);
        if (_index is not null)
        {
            _indexWriter.Flush(_index);
            _timeIndexWriter.Flush(_timeIndex!);
        }
    }

    public void Dispose()
    {
        if (_closed)
        {
            return;
        }

        Seal();
        _closed = true;
        _log.Dispose();
    }

    /// <summary>Closes and removes the segment's files.</summary>
    public void Delete()
    {
        Dispose();
        foreach (var extension in new[] { ".log", ".index", ".timeindex" })
        {
            File.Delete(_stem + extension);
        }
    }
}
