namespace Harness.Engine.Clusters;

/// <summary>A cluster whose log cleaner the harness can run on demand (the <c>compact</c> fault action).</summary>
public interface ICompactingCluster
{
    /// <summary>Compacts every partition of <paramref name="topic"/> now; returns the number of records removed.</summary>
    long Compact(string topic);
}
