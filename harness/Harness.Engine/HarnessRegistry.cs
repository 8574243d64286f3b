using Harness.Engine.Clusters;
using Harness.Engine.Clusters.Containers;
using Harness.Engine.Clusters.Embedded;
using Harness.Engine.Clusters.External;
using Harness.Engine.Replicators;
using Harness.Engine.Replicators.Builtin;
using Harness.Engine.Replicators.Command;
using Harness.Engine.Replicators.Connect;
using Harness.Engine.Replicators.Mm2;
using Harness.Engine.Scenarios.Parsing;

namespace Harness.Engine;

/// <summary>
/// The kinds of cluster and replicator a scenario may name. A new kind is one folder plus one line in
/// <see cref="Default"/>; a test or a tool adds its own with <see cref="With(IClusterBackend)"/> without touching the engine.
/// The first cluster backend and the first replicator driver are the defaults.
/// </summary>
public sealed class HarnessRegistry
{
    private HarnessRegistry(IReadOnlyList<IClusterBackend> clusters, IReadOnlyList<IReplicatorDriver> replicators)
    {
        Clusters = clusters;
        Replicators = replicators;
        Sections = new ScenarioSections(clusters, replicators);
    }

    /// <summary>The harness's own kinds: clusters embedded (default), external and containers; replicators builtin (default), command, mm2 and connect.</summary>
    public static HarnessRegistry Default { get; } = new HarnessRegistry([], [])
        .With(new EmbeddedClusterBackend())
        .With(new ExternalClusterBackend())
        .With(new ContainersClusterBackend())
        .With(new BuiltinReplicatorDriver())
        .With(new CommandReplicatorDriver())
        .With(new Mm2ReplicatorDriver())
        .With(new ConnectReplicatorDriver());

    /// <summary>Cluster backends, the default first.</summary>
    public IReadOnlyList<IClusterBackend> Clusters { get; }

    /// <summary>Replicator drivers, the default first.</summary>
    public IReadOnlyList<IReplicatorDriver> Replicators { get; }

    /// <summary>What the scenario parser accepts.</summary>
    public ScenarioSections Sections { get; }

    /// <summary>A registry with <paramref name="backend"/> added, replacing a backend of the same kind in place.</summary>
    public HarnessRegistry With(IClusterBackend backend)
    {
        ArgumentNullException.ThrowIfNull(backend);
        return new HarnessRegistry(Replace(Clusters, backend, b => b.Kind), Replicators);
    }

    /// <summary>A registry with <paramref name="driver"/> added, replacing a driver of the same kind in place.</summary>
    public HarnessRegistry With(IReplicatorDriver driver)
    {
        ArgumentNullException.ThrowIfNull(driver);
        return new HarnessRegistry(Clusters, Replace(Replicators, driver, d => d.Kind));
    }

    /// <summary>The backend registered for <paramref name="kind"/>.</summary>
    public IClusterBackend Cluster(string kind) =>
        Clusters.FirstOrDefault(c => c.Kind == kind) ?? throw new ArgumentException($"no cluster backend is registered for kind {kind}", nameof(kind));

    /// <summary>The driver registered for <paramref name="kind"/>.</summary>
    public IReplicatorDriver Replicator(string kind) =>
        Replicators.FirstOrDefault(r => r.Kind == kind) ?? throw new ArgumentException($"no replicator driver is registered for kind {kind}", nameof(kind));

    private static IReadOnlyList<T> Replace<T>(IReadOnlyList<T> list, T item, Func<T, string> kind)
    {
        var index = list.ToList().FindIndex(existing => kind(existing) == kind(item));
        return index < 0 ? [.. list, item] : [.. list.Take(index), item, .. list.Skip(index + 1)];
    }
}
