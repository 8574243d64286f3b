using System.Buffers.Binary;
using System.Numerics;
using System.Runtime.CompilerServices;

namespace Harness.Broker.Records;

/// <summary>CRC-32C (Castagnoli), the checksum of Kafka record batches; hardware-accelerated where available.</summary>
public static class Crc32C
{
    /// <summary>Computes the CRC-32C of <paramref name="data"/>.</summary>
    /// <remarks>Every produced byte passes through this loop: it is compiled optimised at once rather than tiered up.</remarks>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static uint Compute(ReadOnlySpan<byte> data) => Append(0, data);

    /// <summary>Continues a checksum: <c>Append(Compute(a), b) == Compute(a + b)</c>.</summary>
    public static uint Append(uint previous, ReadOnlySpan<byte> data)
    {
        var crc = previous ^ 0xFFFFFFFFu;
        while (data.Length >= 8)
        {
            crc = BitOperations.Crc32C(crc, BinaryPrimitives.ReadUInt64LittleEndian(data));
            data = data[8..];
        }

        foreach (var b in data)
        {
            crc = BitOperations.Crc32C(crc, b);
        }

        return crc ^ 0xFFFFFFFFu;
    }
}
