using Harness.Replicator.Tests.Support;

// In the assembly's root namespace, so that it runs after the tests of every namespace below it.
namespace Harness.Replicator.Tests;

/// <summary>
/// Removes the tests' temporary directories after the last test: by then every test has disposed the replicator and
/// worker processes it started, so nothing still writes in them, and repeated runs leave nothing behind in /tmp.
/// </summary>
[SetUpFixture]
public sealed class TempDirectoryCleanup
{
    [OneTimeTearDown]
    public void RemoveTempDirectories() => TempDirectory.DeleteAll();
}
