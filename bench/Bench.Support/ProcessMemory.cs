using System.Globalization;

namespace Harness.Bench.Support;

/// <summary>Resident set size from /proc (Linux): current (<c>VmRSS</c>) and peak (<c>VmHWM</c>), in bytes.</summary>
public static class ProcessMemory
{
    /// <summary>This process.</summary>
    public static (long Rss, long Peak) Read() => ReadStatus("/proc/self/status");

    /// <summary>Another process; zeros once it is gone.</summary>
    public static (long Rss, long Peak) Read(int pid)
    {
        try
        {
            return ReadStatus($"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/status");
        }
        catch (IOException)
        {
            // The process ended between two samples.
            return (0, 0);
        }
    }

    /// <summary>This process's peak.</summary>
    public static long Peak() => Read().Peak;

    private static (long Rss, long Peak) ReadStatus(string path)
    {
        long rss = 0, peak = 0;
        foreach (var line in File.ReadLines(path))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
            {
                rss = Kilobytes(line);
            }
            else if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
            {
                peak = Kilobytes(line);
            }
        }

        return (rss, peak);
    }

    private static long Kilobytes(string line) =>
        long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024;
}
