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
    private readonly byte[] _block = GC.AllocateUninitializedArray<byte>(BlockSize, pinned: true);
    private readonly byte* _start;

    public ValueSource(long seed)
    {
        new Random(unchecked((int)seed ^ (int)(seed >> 32))).NextBytes(_block);
        _start = (byte*)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(_block));
    }

    /// <summary>The value of record <paramref name="ordinal"/>, <paramref name="size"/> bytes (at most the block).</summary>
    public ReadOnlySpan<byte> Value(long ordinal, int size)
    {
        size = Math.Clamp(size, 0, BlockSize);
        return new ReadOnlySpan<byte>(_start + Start(ordinal, size), size);
    }

    /// <summary>Where <see cref="Value"/> starts; valid for as long as this source lives.</summary>
    public byte* Pointer(long ordinal, int size) => _start + Start(ordinal, Math.Clamp(size, 0, BlockSize));

    private static int Start(long ordinal, int size) => (int)((ordinal * 7919L) % (BlockSize - size + 1));
}
