namespace Harness.Cli.Tests.Security;

/// <summary>Reads every process's command line from /proc until stopped, collecting those that contain a secret.</summary>
internal static class CommandLineWatch
{
    /// <summary>Every command line seen holding <paramref name="secret"/> between now and <paramref name="stop"/>.</summary>
    public static Task<List<string>> StartAsync(string secret, CancellationToken stop) => Task.Run(() => Containing(secret, stop));

    private static List<string> Containing(string secret, CancellationToken stop)
    {
        var found = new List<string>();
        while (!stop.IsCancellationRequested)
        {
            foreach (var folder in Directory.EnumerateDirectories("/proc"))
            {
                try
                {
                    var arguments = File.ReadAllText(Path.Combine(folder, "cmdline")).Replace('\0', ' ');
                    if (arguments.Contains(secret, StringComparison.Ordinal))
                    {
                        found.Add(arguments);
                    }
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    // A process that ended while it was read.
                }
            }

            stop.WaitHandle.WaitOne(200);
        }

        return found;
    }
}
