namespace Harness.Reports.Model;

/// <summary>One cluster as the pre-flight checks saw it.</summary>
public sealed record PreflightCluster
{
    /// <summary>"source" or "target".</summary>
    public required string Cluster { get; init; }

    /// <summary>Whether the harness started this cluster for the run.</summary>
    public bool StartedByHarness { get; init; }

    /// <summary>The principal the run's clients use there (<c>User:name</c>, or <c>User:ANONYMOUS</c>).</summary>
    public required string Principal { get; init; }

    /// <summary>Brokers that answered ApiVersions.</summary>
    public int Brokers { get; init; }

    /// <summary>The oldest Kafka release whose APIs match what the brokers advertise, stated as inferred; null when nothing was read.</summary>
    public string? InferredVersion { get; init; }

    /// <summary>The APIs the harness and MirrorMaker 2 need, each with the version range the brokers support.</summary>
    public IReadOnlyList<PreflightApi> Apis { get; init; } = [];

    /// <summary>What DescribeAcls showed: "no authorizer", a count of ACLs, or why they are not visible.</summary>
    public required string Acls { get; init; }

    /// <summary>A check that could not be made here, or null.</summary>
    public string? Problem { get; init; }
}
