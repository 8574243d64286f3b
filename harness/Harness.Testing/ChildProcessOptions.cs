namespace Harness.Testing;

/// <summary>How <see cref="ChildProcess.Start"/> runs a process; the defaults inherit the test's folder and environment.</summary>
public sealed record ChildProcessOptions
{
    /// <summary>What failure messages call the process; the file name when null.</summary>
    public string? Name { get; init; }

    public string? WorkingDirectory { get; init; }

    /// <summary>Variables set on top of the test's environment.</summary>
    public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>();

    /// <summary>Sees every output line as it arrives, with whether it came on standard error.</summary>
    public Action<string, bool>? OnLine { get; init; }
}
