namespace Harness.Engine.Capture;

/// <summary>The shape of one topic's sampled records: sizes, keys and application headers; never the payloads.</summary>
internal sealed class TopicSample
{
    private readonly List<int> _sizes = [];

    public KeyStatistics Keys { get; } = new();

    public IReadOnlyList<int> Sizes => _sizes;

    public int Records => _sizes.Count;

    public long Headers { get; private set; }

    public long HeaderBytes { get; private set; }

    public void Add(int valueSize, ReadOnlySpan<byte> key, bool keyIsNull, int headers, long headerBytes)
    {
        _sizes.Add(valueSize);
        Keys.Add(key, keyIsNull);
        Headers += headers;
        HeaderBytes += headerBytes;
    }
}
