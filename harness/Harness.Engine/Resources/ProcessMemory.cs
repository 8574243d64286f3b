using System.Globalization;

namespace Harness.Engine.Resources;

/// <summary>Resident set sizes from /proc (Linux); null where /proc cannot tell.</summary>
internal static class ProcessMemory
{
    private const double MiB = 1024 * 1024;

    /// <summary>This process's RSS in MiB (the working set where there is no /proc).</summary>
    public static double SelfRssMiB() => Rss("/proc/self/status") ?? (Environment.WorkingSet / MiB);

    /// <summary>
    /// The RSS of every process in the process group <paramref name="groupId"/>, in MiB: a replicator is started in a
    /// group of its own, so a shell command's children or a launcher script's JVM count with it. Null when none is left.
    /// </summary>
    public static double? GroupRssMiB(int groupId)
    {
        if (!Directory.Exists("/proc"))
        {
            return null;
        }

        double? total = null;
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            var name = Path.GetFileName(directory);
            if (name.Length == 0 || !char.IsAsciiDigit(name[0]) || GroupOf(directory) != groupId)
            {
                continue;
            }

            if (Rss(Path.Combine(directory, "status")) is { } rss)
            {
                total = (total ?? 0) + rss;
            }
        }

        return total;
    }

    /// <summary>The process group from <c>/proc/PID/stat</c>: the third field after the command name in parentheses.</summary>
    private static int? GroupOf(string directory)
    {
        try
        {
            var stat = File.ReadAllText(Path.Combine(directory, "stat"));
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return fields.Length > 2 && int.TryParse(fields[2], NumberStyles.Integer, CultureInfo.InvariantCulture, out var group) ? group : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null; // ended between the listing and the read
        }
    }

    private static double? Rss(string statusPath)
    {
        try
        {
            foreach (var line in File.ReadLines(statusPath))
            {
                if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
                {
                    return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024 / MiB;
                }
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Gone, or not Linux.
        }

        return null;
    }
}
