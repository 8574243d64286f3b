namespace Harness.Engine.Load.Model;

/// <summary>
/// Application headers added to each record, besides the harness's own stamp header: <see cref="Count"/>
/// headers named <c>h0</c>, <c>h1</c>, ... with <see cref="Size"/>-byte values.
/// </summary>
public sealed record HeaderShape
{
    /// <summary>Creates a header shape.</summary>
    /// <param name="count">Headers per record; zero or more.</param>
    /// <param name="size">Bytes per header value; zero or more.</param>
    public HeaderShape(int count, int size)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfNegative(size);
        Count = count;
        Size = size;
    }

    /// <summary>No application headers.</summary>
    public static HeaderShape None { get; } = new(0, 0);

    /// <summary>Headers per record.</summary>
    public int Count { get; }

    /// <summary>Bytes per header value.</summary>
    public int Size { get; }
}
