namespace Harness.Engine.Scenarios;

/// <summary>A cluster's <c>cleanup</c>: when the run deletes what it created there.</summary>
public enum CleanupPolicy
{
    /// <summary>Never: everything the run created stays, listed in results.json.</summary>
    Never,

    /// <summary>Only after a passed run: a failed one leaves its evidence.</summary>
    OnSuccess,

    /// <summary>After every run.</summary>
    Always,
}
