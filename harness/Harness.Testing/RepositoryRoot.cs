namespace Harness.Testing;

/// <summary>The checkout the tests were built from: the folder above the test binaries that holds Harness.sln.</summary>
public static class RepositoryRoot
{
    public static string Path
    {
        get
        {
            var directory = new DirectoryInfo(AppContext.BaseDirectory);
            while (directory is not null && !File.Exists(System.IO.Path.Combine(directory.FullName, "Harness.sln")))
            {
                directory = directory.Parent;
            }

            return directory?.FullName ?? throw new InvalidOperationException("Harness.sln not found above the test binaries");
        }
    }
}
