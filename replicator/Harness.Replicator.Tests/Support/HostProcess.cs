using Harness.Testing;

namespace Harness.Replicator.Tests.Support;

/// <summary>The harness-replicator executable run the way the harness runs it: <c>dotnet harness-replicator.dll ...</c>.</summary>
internal static class HostProcess
{
    public static ChildProcess Start(params string[] arguments) => Start(new Dictionary<string, string>(), arguments);

    public static ChildProcess Start(IReadOnlyDictionary<string, string> environment, params string[] arguments) =>
        ChildProcess.Start(
            "dotnet",
            [Path.Combine(AppContext.BaseDirectory, "harness-replicator.dll"), .. arguments],
            new ChildProcessOptions { Name = "harness-replicator", Environment = environment });

    /// <summary>Starts the executable in <paramref name="workingDirectory"/>, where its relative paths (the default --state-dir) resolve.</summary>
    public static ChildProcess StartIn(string workingDirectory, params string[] arguments) =>
        ChildProcess.Start(
            "dotnet",
            [Path.Combine(AppContext.BaseDirectory, "harness-replicator.dll"), .. arguments],
            new ChildProcessOptions { Name = "harness-replicator", WorkingDirectory = workingDirectory });

    /// <summary>Writes <paramref name="properties"/> as an mm2.properties file in <paramref name="directory"/>.</summary>
    public static string WriteProperties(string directory, IReadOnlyDictionary<string, string> properties)
    {
        var path = Path.Combine(directory, "mm2.properties");
        File.WriteAllLines(path, properties.Select(p => $"{p.Key} = {p.Value}"));
        return path;
    }
}
