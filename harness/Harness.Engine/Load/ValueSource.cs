using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Harness.Engine.Load;

/// <summary>
/// Record values cut from one fixed block of seeded random bytes: realistic (incompressible, varied) payloads
/// without generating random bytes per record, and the same bytes for the same seed and ordinal. The block is
/// pinned, so a value is handed to librdkafka as a pointer into it, with no copy or allocation per record.
/// </summary>
internal sealed unsafe class ValueSource
{
    /// <summary>The largest value the source gives; larger sizes are cut to it.</summary>
    public const int MaxSize = BlockSize;

    private const int BlockSize = 4 * 1024 * 1024;

    /// <summary>The widest step between consecutive records' values; wider values overlap their successors.</summary>
    private const int MaxStride = 8 * 1024;

    private static readonly Lock CacheLock = new();
    private static ValueSource? _cached;

    private readonly byte[] _block = GC.AllocateUninitializedArray<byte>(BlockSize, pinned: true);
    private readonly byte* _start;

    public ValueSource(long seed)
    {
        Seed = seed;
        new Random(unchecked((int)seed ^ (int)(seed >> 32))).NextBytes(_block);
        _start = (byte*)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(_block));
    }

    /// <summary>The seed the block was drawn from.</summary>
    public long Seed { get; }

    /// <summary>
    /// The source of <paramref name="seed"/>, shared with the previous caller that asked for the same seed: drawing
    /// the 4 MiB block costs tens of milliseconds, which a short load (or a benchmark) would otherwise pay per run.
    /// The block is never written after construction, so sharing it between generators is safe.
    /// </summary>
    public static ValueSource For(long seed)
    {
        lock (CacheLock)
        {
            if (_cached is not { } cached || cached.Seed != seed)
            {
                cached = new ValueSource(seed);
                _cached = cached;
            }

            return cached;
        }
    }

    /// <summary>The value of record <paramref name="ordinal"/>, <paramref name="size"/> bytes (at most the block).</summary>
    public ReadOnlySpan<byte> Value(long ordinal, int size)
    {
        size = Math.Clamp(size, 0, BlockSize);
        return new ReadOnlySpan<byte>(_start + Start(ordinal, size), size);
    }

    /// <summary>Where <see cref="Value"/> starts; valid for as long as this source lives.</summary>
    public byte* Pointer(long ordinal, int size) => _start + Start(ordinal, Math.Clamp(size, 0, BlockSize));

    /// <summary>
    /// Consecutive records of one size take consecutive slots of the block, each rounded up to a cache line: the
    /// CPU streams them in as the producer walks the ordinals. A fixed odd stride (the previous layout) put every
    /// value on a cold page, and the content hash's first read of each value waited on memory: about a fifth of the
    /// producer thread in a profile of the load benchmark. Values up to 8 KiB never overlap within one pass of the
    /// block, so a batch of them stays as incompressible as the random bytes they are cut from.
    /// </summary>
    private static int Start(long ordinal, int size)
    {
        var stride = Math.Clamp((size + 63) & ~63, 64, MaxStride);
        return (int)((ordinal * stride) % (BlockSize - size + 1));
    }
}
