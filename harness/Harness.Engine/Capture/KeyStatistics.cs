namespace Harness.Engine.Capture;

/// <summary>
/// What a capture learns about a topic's keys from its sampled records: how many had none and how often each
/// distinct key appeared. Keys are kept as 64-bit hashes, never as bytes.
/// </summary>
public sealed class KeyStatistics
{
    private readonly Dictionary<ulong, long> _counts = [];

    /// <summary>Sampled records.</summary>
    public long Records { get; private set; }

    /// <summary>Sampled records without a key.</summary>
    public long NullKeys { get; private set; }

    /// <summary>Distinct keys seen.</summary>
    public int Distinct => _counts.Count;

    /// <summary>How often each distinct key appeared, most frequent first.</summary>
    public IReadOnlyList<long> Frequencies => [.. _counts.Values.OrderDescending()];

    /// <summary>Counts one sampled record's key (<see langword="null"/> for a record without one).</summary>
    public void Add(ReadOnlySpan<byte> key, bool isNull)
    {
        Records++;
        if (isNull)
        {
            NullKeys++;
            return;
        }

        var hash = Hash(key);
        _counts[hash] = _counts.GetValueOrDefault(hash) + 1;
    }

    /// <summary>64-bit FNV-1a: stable, and with 64 bits collisions among a sample's keys are negligible.</summary>
    private static ulong Hash(ReadOnlySpan<byte> key)
    {
        var hash = 0xCBF29CE484222325UL;
        foreach (var b in key)
        {
            hash ^= b;
            hash = unchecked(hash * 0x100000001B3UL);
        }

        return hash;
    }
}
