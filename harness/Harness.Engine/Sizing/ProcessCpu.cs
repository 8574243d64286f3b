using System.Globalization;

namespace Harness.Engine.Sizing;

/// <summary>
/// CPU time of processes read from Linux's /proc: the only portable-enough way to see a replicator the harness knows
/// only as a child process (builtin, mm2 and connect alike). Elsewhere nothing is found and CPU stays unmeasured.
/// </summary>
internal static class ProcessCpu
{
    /// <summary>Clock ticks per second of /proc/PID/stat times: USER_HZ, 100 on every Linux the harness runs on.</summary>
    public const double TicksPerSecond = 100;

    /// <summary>User plus system CPU seconds of every process whose command line contains <paramref name="marker"/>, by pid.</summary>
    public static Dictionary<int, double> Read(string marker, string procRoot = "/proc")
    {
        var found = new Dictionary<int, double>();
        if (!Directory.Exists(procRoot))
        {
            return found;
        }

        foreach (var directory in Directory.EnumerateDirectories(procRoot))
        {
            if (!int.TryParse(Path.GetFileName(directory), NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
            {
                continue;
            }

            try
            {
                var commandLine = File.ReadAllText(Path.Combine(directory, "cmdline")).Replace('\0', ' ');
                if (commandLine.Contains(marker, StringComparison.Ordinal) && CpuSeconds(File.ReadAllText(Path.Combine(directory, "stat"))) is { } seconds)
                {
                    found[pid] = seconds;
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // The process ended between listing and reading: it has nothing more to count.
            }
        }

        return found;
    }

    /// <summary>utime + stime of a /proc/PID/stat line, in seconds; null when the line is not one.</summary>
    public static double? CpuSeconds(string stat)
    {
        // The command name (field 2) is in parentheses and may hold spaces and parentheses itself: fields are counted
        // from the last ')'. After it: state (3), ppid (4), ... utime (14), stime (15).
        var close = stat.LastIndexOf(')');
        if (close < 0)
        {
            return null;
        }

        var fields = stat[(close + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return fields.Length > 12
            && long.TryParse(fields[11], NumberStyles.None, CultureInfo.InvariantCulture, out var user)
            && long.TryParse(fields[12], NumberStyles.None, CultureInfo.InvariantCulture, out var system)
            ? (user + system) / TicksPerSecond
            : null;
    }
}
