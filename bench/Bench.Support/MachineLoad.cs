namespace Harness.Bench.Support;

/// <summary>How busy the shared machine was, printed with every run so its figures can be weighed.</summary>
public static class MachineLoad
{
    /// <summary>The 1-minute load average, as the kernel prints it; "unknown" where there is no /proc/loadavg.</summary>
    public static string OneMinute()
    {
        try
        {
            return File.ReadAllText("/proc/loadavg").Split(' ')[0];
        }
        catch (IOException)
        {
            return "unknown";
        }
    }
}
