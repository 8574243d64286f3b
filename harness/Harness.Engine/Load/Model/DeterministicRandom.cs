using System.Text;

namespace Harness.Engine.Load.Model;

/// <summary>
/// A seeded xoshiro256** generator whose state is filled by SplitMix64. Unlike
/// <see cref="System.Random"/>, its sequence is specified bit for bit, so a scenario and a seed give the
/// same keys, sizes and schedule on every runtime and operating system.
/// </summary>
/// <remarks>
/// Integer draws are exact everywhere. Draws that pass through <see cref="Math.Log(double)"/>,
/// <see cref="Math.Exp"/> or <see cref="Math.Cos"/> (Gaussian, log-normal, Zipf) depend on the platform's
/// maths library, which may in rare cases round the last bit differently.
/// </remarks>
public sealed class DeterministicRandom
{
    private const ulong GoldenGamma = 0x9E3779B97F4A7C15UL;

    private ulong _s0;
    private ulong _s1;
    private ulong _s2;
    private ulong _s3;

    /// <summary>Creates a generator from a 64-bit seed.</summary>
    /// <param name="seed">Any value; nearby seeds give unrelated sequences.</param>
    public DeterministicRandom(ulong seed)
    {
        var state = seed;
        _s0 = SplitMix64(ref state);
        _s1 = SplitMix64(ref state);
        _s2 = SplitMix64(ref state);
        _s3 = SplitMix64(ref state);
    }

    /// <summary>
    /// Derives a generator for one named stream (for example <c>"orders/keys"</c>) of a scenario seed, so
    /// adding a topic or a producer does not shift the numbers another stream sees.
    /// </summary>
    /// <param name="seed">The scenario seed.</param>
    /// <param name="stream">A stable name for the stream.</param>
    public static DeterministicRandom ForStream(long seed, string stream) => new(StreamSeed(seed, stream));

    /// <summary>Computes the 64-bit seed that <see cref="ForStream"/> uses.</summary>
    /// <param name="seed">The scenario seed.</param>
    /// <param name="stream">A stable name for the stream.</param>
    public static ulong StreamSeed(long seed, string stream) => Mix(unchecked((ulong)seed), StableHash(stream));

    /// <summary>
    /// Creates the generator for item <paramref name="index"/> of a stream. Counter-based seeding lets any
    /// thread compute record <c>n</c> without having drawn records <c>0..n-1</c>.
    /// </summary>
    /// <param name="streamSeed">A seed from <see cref="StreamSeed"/>.</param>
    /// <param name="index">The item's position in the stream.</param>
    public static DeterministicRandom ForIndex(ulong streamSeed, long index) => new(Mix(streamSeed, unchecked((ulong)index)));

    /// <summary>
    /// A 64-bit FNV-1a hash of the UTF-8 bytes. <see cref="string.GetHashCode()"/> is randomised per
    /// process, so it cannot name a stream.
    /// </summary>
    /// <param name="text">The text to hash.</param>
    public static ulong StableHash(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var hash = 0xCBF29CE484222325UL;
        foreach (var b in Encoding.UTF8.GetBytes(text))
        {
            hash ^= b;
            hash = unchecked(hash * 0x100000001B3UL);
        }

        return hash;
    }

    /// <summary>Returns the next 64 uniformly distributed bits.</summary>
    public ulong NextUInt64()
    {
        var result = unchecked(ulong.RotateLeft(_s1 * 5, 7) * 9);
        var t = _s1 << 17;
        _s2 ^= _s0;
        _s3 ^= _s1;
        _s1 ^= _s2;
        _s0 ^= _s3;
        _s2 ^= t;
        _s3 = ulong.RotateLeft(_s3, 45);
        return result;
    }

    /// <summary>Returns a uniform double in [0, 1) with 53 random bits.</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>Returns a uniform integer in [0, <paramref name="maxExclusive"/>) without modulo bias.</summary>
    /// <param name="maxExclusive">The exclusive upper bound; must be positive.</param>
    public long NextInt64(long maxExclusive)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxExclusive);
        var bound = (ulong)maxExclusive;
        var high = Math.BigMul(NextUInt64(), bound, out var low);
        if (low < bound)
        {
            // Lemire's method: reject the few low products that would favour small results.
            var threshold = unchecked(0UL - bound) % bound;
            while (low < threshold)
            {
                high = Math.BigMul(NextUInt64(), bound, out low);
            }
        }

        return (long)high;
    }

    /// <summary>Returns a uniform integer in [<paramref name="minInclusive"/>, <paramref name="maxInclusive"/>].</summary>
    /// <param name="minInclusive">The smallest possible result.</param>
    /// <param name="maxInclusive">The largest possible result; not below <paramref name="minInclusive"/>.</param>
    public long NextInt64(long minInclusive, long maxInclusive)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxInclusive, minInclusive);
        var span = unchecked((ulong)(maxInclusive - minInclusive)) + 1;
        if (span == 0)
        {
            // The whole 64-bit range: every bit pattern is a valid answer.
            return unchecked((long)NextUInt64());
        }

        if (span <= long.MaxValue)
        {
            return minInclusive + NextInt64((long)span);
        }

        // More than half of all bit patterns fit, so plain rejection ends quickly and stays unbiased.
        ulong draw;
        do
        {
            draw = NextUInt64();
        }
        while (draw >= span);

        return unchecked(minInclusive + (long)draw);
    }

    /// <summary>Returns a standard normal variate (mean 0, standard deviation 1) by Box-Muller.</summary>
    public double NextGaussian()
    {
        // 1 - u lies in (0, 1], so the logarithm is finite.
        var radius = Math.Sqrt(-2.0 * Math.Log(1.0 - NextDouble()));
        return radius * Math.Cos(2.0 * Math.PI * NextDouble());
    }

    /// <summary>Mixes two values into one well-spread 64-bit value (the seeding step of <see cref="ForIndex"/>, without the generator).</summary>
    internal static ulong Combine(ulong a, ulong b) => Mix(a, b);

    /// <summary>Re-seeds this generator as <see cref="ForIndex"/> would create it, so hot paths can reuse one instance.</summary>
    internal void Reset(ulong streamSeed, long index)
    {
        var state = Mix(streamSeed, unchecked((ulong)index));
        _s0 = SplitMix64(ref state);
        _s1 = SplitMix64(ref state);
        _s2 = SplitMix64(ref state);
        _s3 = SplitMix64(ref state);
    }

    private static ulong Mix(ulong a, ulong b)
    {
        var state = unchecked(a ^ (b * GoldenGamma));
        return SplitMix64(ref state);
    }

    private static ulong SplitMix64(ref ulong state)
    {
        unchecked
        {
            state += GoldenGamma;
            var z = state;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            return z ^ (z >> 31);
        }
    }
}
