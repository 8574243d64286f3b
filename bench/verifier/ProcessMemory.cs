using System.Globalization;

namespace Harness.Verifier.Bench;

/// <summary>Peak resident set size (<c>VmHWM</c>) of this process from /proc (Linux), in bytes.</summary>
internal static class ProcessMemory
{
    public static long Peak()
    {
        var line = File.ReadLines("/proc/self/status").First(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
        return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024;
    }
}
