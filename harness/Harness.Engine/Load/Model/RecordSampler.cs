namespace Harness.Engine.Load.Model;

/// <summary>
/// Samples record shapes for one topic. Record <c>n</c> always gets the same key and size for the same
/// seed, whichever producer sends it and whatever was sampled before: each record draws from its own
/// counter-seeded generator, with separate streams for keys and sizes so that changing the size
/// distribution leaves the keys alone.
/// </summary>
public sealed class RecordSampler
{
    [ThreadStatic]
    private static DeterministicRandom? _scratch;

    private readonly ulong _keySeed;
    private readonly ulong _sizeSeed;
    private readonly ulong _tombstoneSeed;

    /// <summary>Creates a sampler.</summary>
    /// <param name="seed">The scenario seed.</param>
    /// <param name="topic">The topic name, which separates this topic's streams from the others'.</param>
    /// <param name="keys">The key distribution.</param>
    /// <param name="sizes">The value size distribution.</param>
    /// <param name="headers">The application headers.</param>
    public RecordSampler(long seed, string topic, KeyDistribution keys, SizeDistribution sizes, HeaderShape headers)
    {
        ArgumentNullException.ThrowIfNull(topic);
        ArgumentNullException.ThrowIfNull(keys);
        ArgumentNullException.ThrowIfNull(sizes);
        ArgumentNullException.ThrowIfNull(headers);
        _keySeed = DeterministicRandom.StreamSeed(seed, topic + "/keys");
        _sizeSeed = DeterministicRandom.StreamSeed(seed, topic + "/sizes");
        _tombstoneSeed = DeterministicRandom.StreamSeed(seed, topic + "/tombstones");
        Keys = keys;
        Sizes = sizes;
        Headers = headers;
    }

    /// <summary>The key distribution.</summary>
    public KeyDistribution Keys { get; }

    /// <summary>The value size distribution.</summary>
    public SizeDistribution Sizes { get; }

    /// <summary>The application headers.</summary>
    public HeaderShape Headers { get; }

    /// <summary>The share of keyed records that are tombstones, from 0 to 1; none by default.</summary>
    public double Tombstones { get; init; }

    /// <summary>
    /// Whether keyed record <paramref name="ordinal"/> is a tombstone; drawn from its own stream, so adding tombstones
    /// leaves every record's key and size as they were.
    /// </summary>
    /// <param name="ordinal">The record's position in its topic, from zero.</param>
    public bool IsTombstone(long ordinal)
    {
        if (Tombstones <= 0)
        {
            return false;
        }

        var random = _scratch ??= new DeterministicRandom(0);
        random.Reset(_tombstoneSeed, ordinal);
        return random.NextDouble() < Tombstones;
    }

    /// <summary>Samples record <paramref name="ordinal"/>; safe to call from any thread.</summary>
    /// <param name="ordinal">The record's position in its topic, from zero.</param>
    public SampledRecord Sample(long ordinal)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(ordinal);
        // One reusable generator per thread, re-seeded per record exactly as ForIndex would create it: the load
        // generator samples hundreds of thousands of records a second, and two allocations each add up.
        var random = _scratch ??= new DeterministicRandom(0);
        random.Reset(_keySeed, ordinal);
        var key = Keys.NextIndex(ordinal, random);
        random.Reset(_sizeSeed, ordinal);
        var size = Sizes.Sample(random);
        return new SampledRecord(ordinal, key, size, Headers.Count, Headers.Size);
    }
}
