namespace Harness.Reports.Model;

/// <summary>An ACL entry that applies to a run topic (or group) on one cluster and not to its counterpart on the other.</summary>
public sealed record PreflightAclDifference
{
    /// <summary>Where the entry is: <c>source</c> or <c>target</c>.</summary>
    public required string Cluster { get; init; }

    /// <summary>The resource pattern as written: <c>topic orders (literal)</c>, <c>topic ord (prefixed)</c>, <c>group billing (literal)</c>.</summary>
    public required string Resource { get; init; }

    /// <summary>The run topic or group it applies to.</summary>
    public required string AppliesTo { get; init; }

    /// <summary>The principal, <c>User:name</c>.</summary>
    public required string Principal { get; init; }

    /// <summary>The host, <c>*</c> for any.</summary>
    public required string Host { get; init; }

    /// <summary>The operation, as Kafka names it (READ, WRITE, ALL...).</summary>
    public required string Operation { get; init; }

    /// <summary>ALLOW or DENY.</summary>
    public required string Permission { get; init; }

    /// <summary>What MirrorMaker 2 does about it.</summary>
    public required string Mm2 { get; init; }
}
