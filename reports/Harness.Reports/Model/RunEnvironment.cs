using System.Runtime.InteropServices;

namespace Harness.Reports.Model;

/// <summary>Where and with what a run was carried out.</summary>
public sealed record RunEnvironment
{
    /// <summary>The host name of the machine that ran the harness.</summary>
    public required string MachineName { get; init; }

    /// <summary>The operating system description.</summary>
    public required string OperatingSystem { get; init; }

    /// <summary>The .NET runtime description, for example ".NET 10.0.0".</summary>
    public required string DotNetVersion { get; init; }

    /// <summary>The harness version.</summary>
    public required string HarnessVersion { get; init; }

    /// <summary>The source cluster backend: "embedded", "containers" or "external".</summary>
    public required string SourceClusterBackend { get; init; }

    /// <summary>The target cluster backend: "embedded", "containers" or "external".</summary>
    public required string TargetClusterBackend { get; init; }

    /// <summary>The replicator kind: "builtin", "mm2", "connect" or "command".</summary>
    public required string ReplicatorKind { get; init; }

    /// <summary>
    /// The librdkafka build the harness's own clients (load generator, verifier, built-in replicator) ran on, with
    /// the path when HARNESS_LIBRDKAFKA chose it; null when not recorded (results written before schema 1.1 had it).
    /// </summary>
    public string? Librdkafka { get; init; }

    /// <summary>
    /// The CA certificate (PEM) the run's clients trusted for the source cluster: the scenario's <c>caFile</c>, or the
    /// one a cluster the harness started generated into the run folder; null without TLS or when not recorded.
    /// </summary>
    public string? SourceCaFile { get; init; }

    /// <summary>The CA certificate the run's clients trusted for the target cluster, as <see cref="SourceCaFile"/>.</summary>
    public string? TargetCaFile { get; init; }

    /// <summary>Describes the current process's machine, OS and runtime together with the given run settings.</summary>
    /// <param name="harnessVersion">The harness version.</param>
    /// <param name="sourceClusterBackend">The source cluster backend.</param>
    /// <param name="targetClusterBackend">The target cluster backend.</param>
    /// <param name="replicatorKind">The replicator kind.</param>
    /// <returns>The environment of this process.</returns>
    public static RunEnvironment Capture(
        string harnessVersion, string sourceClusterBackend, string targetClusterBackend, string replicatorKind) => new()
    {
        MachineName = Environment.MachineName,
        OperatingSystem = RuntimeInformation.OSDescription,
        DotNetVersion = RuntimeInformation.FrameworkDescription,
        HarnessVersion = harnessVersion,
        SourceClusterBackend = sourceClusterBackend,
        TargetClusterBackend = targetClusterBackend,
        ReplicatorKind = replicatorKind,
    };
}
