namespace Harness.Engine.Load;

/// <summary>
/// Record values cut from one fixed block of seeded random bytes: realistic (incompressible, varied) payloads
/// without generating random bytes per record, and the same bytes for the same seed and ordinal.
/// </summary>
internal sealed class ValueSource
{
    private const int BlockSize = 4 * 1024 * 1024;
    private readonly byte[] _block = new byte[BlockSize];

    public ValueSource(long seed) => new Random(unchecked((int)seed ^ (int)(seed >> 32))).NextBytes(_block);

    public byte[] Value(long ordinal, int size)
    {
        size = Math.Clamp(size, 0, BlockSize);
        var value = new byte[size];
        if (size > 0)
        {
            var start = (int)((ordinal * 7919L) % (BlockSize - size + 1));
            Array.Copy(_block, start, value, 0, size);
        }

        return value;
    }
}
