using System.Runtime.InteropServices;

namespace Harness.RdKafka;

/// <summary>
/// librdkafka's <c>rd_kafka_vu_t</c>: a type tag and a 64-byte union (aligned to 8), 72 bytes in all. Memory
/// arguments are (pointer, size); a header is (name, value, size).
/// </summary>
[StructLayout(LayoutKind.Explicit, Size = 72)]
public unsafe struct VarArg
{
    [FieldOffset(0)]
    public VarArgType Type;

    [FieldOffset(8)]
    public nint First;

    [FieldOffset(8)]
    public long Int64;

    [FieldOffset(8)]
    public int Int32;

    [FieldOffset(16)]
    public nint Second;

    [FieldOffset(24)]
    public nint Third;

    public static VarArg Pointer(VarArgType type, nint pointer) => new() { Type = type, First = pointer };

    public static VarArg Memory(VarArgType type, byte* pointer, int length) => new() { Type = type, First = (nint)pointer, Second = length };

    public static VarArg Integer(VarArgType type, int value) => new() { Type = type, Int32 = value };

    public static VarArg Long(VarArgType type, long value) => new() { Type = type, Int64 = value };

    public static VarArg Header(byte* name, byte* value, int length) => new() { Type = VarArgType.Header, First = (nint)name, Second = (nint)value, Third = length };
}
