using System.Diagnostics;

namespace Harness.Testing;

/// <summary>
/// A new folder under the system's temporary folder that a test owns and removes when it is disposed, so that running
/// the tests again and again leaves nothing behind in /tmp. Declare it before the clusters, replicators and processes
/// that write in it: <c>using</c> then disposes it after them, once nothing can still be writing there.
/// </summary>
public sealed class TempFolder : IDisposable
{
    private readonly List<int> _writers = [];
    private bool _kept;

    private TempFolder(string fullName) => FullName = fullName;

    /// <summary>The folder's absolute path.</summary>
    public string FullName { get; }

    /// <summary>Creates a new, empty folder named <paramref name="prefix"/> and a random suffix.</summary>
    public static TempFolder Create(string prefix) => new(Directory.CreateTempSubdirectory(prefix).FullName);

    /// <summary>Leaves the folder in place when disposed, for a failure message that sends the reader to it.</summary>
    public void Keep() => _kept = true;

    /// <summary>
    /// Leaves the folder in place if <paramref name="process"/> still runs when this is disposed: a test that failed
    /// before the process it started ended must not pull the folder from under it. (Disposing a <see cref="Process"/>
    /// does not stop it, so it is looked up again by its id.)
    /// </summary>
    public void KeepWhileRunning(Process process) => _writers.Add(process.Id);

    public void Dispose()
    {
        if (!_kept && !_writers.Any(Runs))
        {
            Delete(FullName);
        }
    }

    /// <summary>
    /// Removes <paramref name="path"/> and everything in it, as far as it can: cleaning up must never fail a test, so a
    /// folder already gone, or a file a process that outlived its test still holds, is left as it is.
    /// </summary>
    public static void Delete(string path)
    {
        try
        {
            Directory.Delete(path, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    private static bool Runs(int processId)
    {
        try
        {
            using var process = Process.GetProcessById(processId);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }
}
