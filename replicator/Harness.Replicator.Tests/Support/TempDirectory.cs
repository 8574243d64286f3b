namespace Harness.Replicator.Tests.Support;

/// <summary>Fresh directories under the test run's temp folder.</summary>
internal static class TempDirectory
{
    public static string Create()
    {
        var path = Path.Combine(Path.GetTempPath(), "harness-replicator-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(path);
        return path;
    }
}
