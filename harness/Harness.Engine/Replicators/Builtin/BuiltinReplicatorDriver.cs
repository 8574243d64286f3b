using System.Globalization;
using Harness.Engine.Replicators.Metrics;
using Harness.Engine.Runs;
using Harness.Engine.Scenarios;
using Harness.Engine.Scenarios.Parsing;

namespace Harness.Engine.Replicators.Builtin;

/// <summary><c>kind: builtin</c> (the default): the harness's MirrorMaker 2-semantics replicator, a child process driven by an MM2 properties file.</summary>
public sealed class BuiltinReplicatorDriver : IReplicatorDriver
{
    /// <inheritdoc/>
    public string Kind => "builtin";

    /// <inheritdoc/>
    public IReadOnlyList<string> Keys { get; } = [];

    /// <inheritdoc/>
    public IReplicatorSettings? Read(MappingReader section) => new BuiltinReplicatorSettings();

    /// <inheritdoc/>
    public IReplicator Create(ReplicatorLaunch launch)
    {
        var assembly = launch.Options.ReplicatorAssembly ?? Path.Combine(AppContext.BaseDirectory, "harness-replicator.dll");
        if (!File.Exists(assembly))
        {
            throw new HarnessException($"the built-in replicator is missing at {assembly}; rebuild with ./run.sh");
        }

        var environment = ReplicatorEnvironment.For(launch);
        if (launch.HeapLimitMiB is { } limit)
        {
            // The runtime's hard heap limit, so heap pressure ends in a real out-of-memory as in production.
            environment["DOTNET_GCHeapHardLimit"] = ((long)limit * 1024 * 1024).ToString("X", CultureInfo.InvariantCulture);
        }

        var state = Path.GetFullPath(Path.Combine(launch.RunDirectory, "replicator-state"));
        var metrics = Path.GetFullPath(Path.Combine(launch.RunDirectory, "replicator-metrics.jsonl"));
        var log = launch.LogPath;
        return new ProcessReplicator(new ReplicatorProcess
        {
            Kind = Kind,
            FileName = DotnetHost(),
            Arguments = [assembly, "--config", launch.WriteMm2Properties(new Mm2PropertiesOptions { LibrdkafkaClients = true }), "--state-dir", state, "--metrics-file", metrics],
            Environment = environment,
            LogPath = log,
            WorkingDirectory = Path.GetFullPath(launch.RunDirectory),
            Metrics = new MetricsFileSource(metrics),
            Ballast = new ControlEndpointBallast(Path.Combine(state, "control.port")),
            ExplainExit = code => BuiltinExitReasons.Explain(code, log),
        });
    }

    private static string DotnetHost()
    {
        var current = Environment.ProcessPath;
        return current is not null && Path.GetFileNameWithoutExtension(current) == "dotnet" ? current : "dotnet";
    }
}
