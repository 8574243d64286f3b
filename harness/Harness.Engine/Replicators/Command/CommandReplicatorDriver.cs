using Harness.Engine.Scenarios;
using Harness.Engine.Scenarios.Parsing;

namespace Harness.Engine.Replicators.Command;

/// <summary>
/// <c>kind: command</c>: any other tool, started by <c>run</c> through /bin/sh with the HARNESS_* variables and
/// HARNESS_MM2_PROPERTIES (the run's MM2 properties file, which real MirrorMaker 2 takes as it is).
/// </summary>
public sealed class CommandReplicatorDriver : IReplicatorDriver
{
    private const string RunExpected = "run: a shell command that starts the replicator";

    /// <inheritdoc/>
    public string Kind => "command";

    /// <inheritdoc/>
    public IReadOnlyList<string> Keys { get; } = ["run"];

    /// <inheritdoc/>
    public IReplicatorSettings? Read(MappingReader section)
    {
        if (section.Find("run") is null && !section.Contains("run"))
        {
            section.Context.Report(section.Find("kind") ?? section.Node, $"{section.Path} kind 'command' needs 'run'", RunExpected);
            return null;
        }

        return section.Text("run", required: true, expected: "a shell command") is { } run ? new CommandReplicatorSettings(run) : null;
    }

    /// <inheritdoc/>
    public IReplicator Create(ReplicatorLaunch launch)
    {
        var environment = ReplicatorEnvironment.For(launch);
        environment["HARNESS_MM2_PROPERTIES"] = launch.WriteMm2Properties();
        return new ProcessReplicator(new ReplicatorProcess
        {
            Kind = Kind,
            FileName = "/bin/sh",
            Arguments = ["-c", ((CommandReplicatorSettings)launch.Scenario.Replicator.Settings).Run],
            Environment = environment,
            LogPath = launch.LogPath,
            WorkingDirectory = Path.GetFullPath(launch.RunDirectory),
        });
    }
}
