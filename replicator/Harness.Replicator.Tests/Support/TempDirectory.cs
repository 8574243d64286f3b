using System.Collections.Concurrent;
using Harness.Testing;

namespace Harness.Replicator.Tests.Support;

/// <summary>
/// Fresh directories under the test run's temp folder. Tests run side by side and hand these paths to replicator
/// processes, so they are removed once, when every test of the assembly has ended (<see cref="Harness.Replicator.Tests.TempDirectoryCleanup"/>),
/// rather than by each test.
/// </summary>
internal static class TempDirectory
{
    private static readonly ConcurrentQueue<string> Created = new();

    public static string Create()
    {
        var path = Path.Combine(Path.GetTempPath(), "harness-replicator-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(path);
        Created.Enqueue(path);
        return path;
    }

    /// <summary>Removes every directory created so far; the shared parent stays, as another test run may be using it.</summary>
    public static void DeleteAll()
    {
        while (Created.TryDequeue(out var path))
        {
            TempFolder.Delete(path);
        }
    }
}
