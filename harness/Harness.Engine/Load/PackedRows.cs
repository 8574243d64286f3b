namespace Harness.Engine.Load;

/// <summary>
/// An append-only table of rows of a few longs, each field stored as a variable-length difference from the same
/// field of the row before, in chunks of <see cref="ChunkRows"/> rows that each start from one row kept whole. The
/// ledger and the verifier's offset maps hold a row per produce batch when several producers share a partition;
/// rows there differ from their neighbours by a batch or so, so a row costs 3-5 bytes instead of the 24-64 of a
/// struct or object in a list. The last row stays unencoded, so extending it is free.
/// </summary>
internal sealed class PackedRows
{
    /// <summary>Rows per chunk: a lookup decodes at most this many rows after a binary search over the chunks.</summary>
    internal const int ChunkRows = 64;

    private readonly int _fields;

    /// <summary>The first row of every chunk, whole: <c>_heads[chunk * fields + field]</c>.</summary>
    private readonly List<long> _heads = [];

    /// <summary>The encoded rows after each chunk's first, one array per closed chunk, trimmed to its length.</summary>
    private readonly List<byte[]> _closed = [];

    /// <summary>The rows of the open chunk before the last row.</summary>
    private byte[] _open = new byte[64];
    private int _openLength;

    /// <summary>The last row, kept whole; its predecessor's values are in <see cref="_previous"/>.</summary>
    private readonly long[] _last;
    private readonly long[] _previous;

    public PackedRows(int fields)
    {
        _fields = fields;
        _last = new long[fields];
        _previous = new long[fields];
    }

    /// <summary>Rows held.</summary>
    public int Count { get; private set; }

    /// <summary>Managed bytes the encoded rows take (for measurements).</summary>
    public long EncodedBytes => _closed.Sum(c => (long)c.Length) + _open.Length + (_heads.Count * sizeof(long));

    /// <summary>The last row (Count must be positive).</summary>
    public ReadOnlySpan<long> Last => _last;

    /// <summary>Appends a row.</summary>
    public void Add(ReadOnlySpan<long> row)
    {
        if (Count > 0)
        {
            Seal();
        }

        if (Count % ChunkRows == 0)
        {
            _heads.AddRange(row);
        }

        row.CopyTo(_last);
        Count++;
    }

    /// <summary>Replaces the last row (extending it, typically).</summary>
    public void ReplaceLast(ReadOnlySpan<long> row)
    {
        row.CopyTo(_last);
        if ((Count - 1) % ChunkRows == 0)
        {
            // The last row heads its chunk: the head is kept whole, so it changes too.
            var at = (Count - 1) / ChunkRows * _fields;
            for (var f = 0; f < _fields; f++)
            {
                _heads[at + f] = row[f];
            }
        }
    }

    /// <summary>Reads row <paramref name="index"/> into <paramref name="row"/>.</summary>
    public void Get(int index, Span<long> row)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)index, (uint)Count, nameof(index));
        if (index == Count - 1)
        {
            _last.CopyTo(row);
            return;
        }

        Decode(index, row);
    }

    /// <summary>Decodes an encoded row (any but the last) from its chunk's head.</summary>
    private void Decode(int index, Span<long> row)
    {
        var chunk = index / ChunkRows;
        var bytes = chunk < _closed.Count ? _closed[chunk] : _open;
        var at = 0;
        for (var f = 0; f < _fields; f++)
        {
            row[f] = _heads[(chunk * _fields) + f];
        }

        for (var r = chunk * ChunkRows; r < index; r++)
        {
            for (var f = 0; f < _fields; f++)
            {
                row[f] += ReadDelta(bytes, ref at);
            }
        }
    }

    /// <summary>
    /// Index of the last row whose field <paramref name="field"/> is at or below <paramref name="value"/>, or -1; valid
    /// only while that field never decreases from row to row.
    /// </summary>
    public int LastAtOrBelow(int field, long value, Span<long> row)
    {
        if (Count == 0 || _heads[field] > value)
        {
            return -1;
        }

        // The last chunk whose head is at or below the value, then the rows of that chunk.
        int low = 0, high = ((Count - 1) / ChunkRows) + 1;
        while (high - low > 1)
        {
            var middle = low + ((high - low) / 2);
            if (_heads[(middle * _fields) + field] <= value)
            {
                low = middle;
            }
            else
            {
                high = middle;
            }
        }

        var index = low * ChunkRows;
        var end = Math.Min(Count, index + ChunkRows);
        var bytes = low < _closed.Count ? _closed[low] : _open;
        var at = 0;
        for (var f = 0; f < _fields; f++)
        {
            row[f] = _heads[(low * _fields) + f];
        }

        Span<long> next = stackalloc long[_fields];
        while (index + 1 < end)
        {
            if (index + 1 == Count - 1)
            {
                _last.CopyTo(next);
            }
            else
            {
                for (var f = 0; f < _fields; f++)
                {
                    next[f] = row[f] + ReadDelta(bytes, ref at);
                }
            }

            if (next[field] > value)
            {
                break;
            }

            next.CopyTo(row);
            index++;
        }

        return index;
    }

    /// <summary>Keeps the first <paramref name="count"/> rows only.</summary>
    public void Truncate(int count)
    {
        if (count >= Count)
        {
            return;
        }

        var kept = new long[count * _fields];
        var chunk = count / ChunkRows;
        var from = chunk * ChunkRows;
        for (var r = from; r < count; r++)
        {
            Get(r, kept.AsSpan(r * _fields, _fields));
        }

        // Rebuild the chunk that holds the new end from its rows; the chunks before it stay as they are.
        _closed.RemoveRange(Math.Min(chunk, _closed.Count), _closed.Count - Math.Min(chunk, _closed.Count));
        _heads.RemoveRange(chunk * _fields, _heads.Count - (chunk * _fields));
        _openLength = 0;
        Count = from;
        if (Count > 0)
        {
            // The row before the chunk becomes the last again; it stays encoded in its closed chunk.
            Decode(Count - 1, _last);
        }

        for (var r = from; r < count; r++)
        {
            Add(kept.AsSpan(r * _fields, _fields));
        }
    }

    /// <summary>Reads the rows in order, calling <paramref name="visit"/> with each (the span is reused) until it returns false.</summary>
    public void ForEach(RowVisitor visit)
    {
        Span<long> row = stackalloc long[_fields];
        for (var chunk = 0; chunk * ChunkRows < Count; chunk++)
        {
            var bytes = chunk < _closed.Count ? _closed[chunk] : _open;
            var at = 0;
            var end = Math.Min(Count, (chunk + 1) * ChunkRows);
            for (var r = chunk * ChunkRows; r < end; r++)
            {
                if (r == Count - 1)
                {
                    _last.CopyTo(row);
                }
                else if (r == chunk * ChunkRows)
                {
                    for (var f = 0; f < _fields; f++)
                    {
                        row[f] = _heads[(chunk * _fields) + f];
                    }
                }
                else
                {
                    for (var f = 0; f < _fields; f++)
                    {
                        row[f] += ReadDelta(bytes, ref at);
                    }
                }

                if (!visit(row))
                {
                    return;
                }
            }
        }
    }

    /// <summary>Encodes the last row after its predecessor, before a new row is appended.</summary>
    private void Seal()
    {
        var index = Count - 1;

        // A last row in a closed chunk (after a truncation to a chunk's end) is encoded there already.
        var open = index / ChunkRows == _closed.Count;
        if (open && index % ChunkRows != 0)
        {
            for (var f = 0; f < _fields; f++)
            {
                WriteDelta(_last[f] - _previous[f]);
            }
        }

        _last.CopyTo(_previous.AsSpan());
        if (open && (index + 1) % ChunkRows == 0)
        {
            // The chunk is full: keep its bytes at their length and start the next.
            _closed.Add(_open.AsSpan(0, _openLength).ToArray());
            _openLength = 0;
        }
    }

    private void WriteDelta(long delta)
    {
        if (_open.Length - _openLength < 10)
        {
            Array.Resize(ref _open, _open.Length * 2);
        }

        // Zig-zag, so small negative differences stay short too.
        var value = (ulong)((delta << 1) ^ (delta >> 63));
        while (value >= 0x80)
        {
            _open[_openLength++] = (byte)(value | 0x80);
            value >>= 7;
        }

        _open[_openLength++] = (byte)value;
    }

    private static long ReadDelta(byte[] bytes, ref int at)
    {
        ulong value = 0;
        var shift = 0;
        byte b;
        do
        {
            b = bytes[at++];
            value |= (ulong)(b & 0x7f) << shift;
            shift += 7;
        }
        while (b >= 0x80);

        return (long)(value >> 1) ^ -(long)(value & 1);
    }
}
