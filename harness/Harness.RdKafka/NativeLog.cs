using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Harness.RdKafka;

/// <summary>
/// Routes a client's librdkafka log to a <see cref="ClientLogHandler"/>: the handler travels as the client's
/// opaque, so one static callback serves every client. The handle must outlive the client (librdkafka still logs
/// while it is destroyed), so it is freed only after <c>rd_kafka_destroy</c>.
/// </summary>
internal static unsafe class NativeLog
{
    /// <summary>Sets the handler on a configuration; returns the handle to free after the client is destroyed, or default.</summary>
    public static GCHandle Attach(nint conf, ClientLogHandler? handler)
    {
        if (handler is null)
        {
            return default;
        }

        var handle = GCHandle.Alloc(handler);
        LibRdKafka.ConfSetOpaque(conf, GCHandle.ToIntPtr(handle));
        LibRdKafka.ConfSetLogCallback(conf, &OnLog);
        return handle;
    }

    public static void Free(GCHandle handle)
    {
        if (handle.IsAllocated)
        {
            handle.Free();
        }
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static void OnLog(nint rk, int level, byte* facility, byte* message)
    {
        try
        {
            var opaque = LibRdKafka.Opaque(rk);
            if (opaque != 0 && GCHandle.FromIntPtr(opaque).Target is ClientLogHandler handler)
            {
                handler(LibRdKafka.Text(LibRdKafka.Name(rk)), level, LibRdKafka.Text((nint)facility), LibRdKafka.Text((nint)message));
            }
        }
#pragma warning disable CA1031 // An exception must never unwind into librdkafka's thread: it would end the process.
        catch (Exception)
#pragma warning restore CA1031
        {
        }
    }
}
