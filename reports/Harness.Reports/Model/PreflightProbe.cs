namespace Harness.Reports.Model;

/// <summary>Whether a principal may do one operation the run needs on one topic, as the cluster answered without it being tried.</summary>
public sealed record PreflightProbe
{
    /// <summary>"source" or "target".</summary>
    public required string Cluster { get; init; }

    /// <summary>The principal, <c>User:name</c>.</summary>
    public required string Principal { get; init; }

    /// <summary>The topic.</summary>
    public required string Topic { get; init; }

    /// <summary>READ, WRITE or CREATE.</summary>
    public required string Operation { get; init; }

    /// <summary><c>allowed</c>, <c>denied</c> or <c>unknown</c>.</summary>
    public required string Outcome { get; init; }

    /// <summary>How it was found out, or why it could not be.</summary>
    public required string Detail { get; init; }
}
