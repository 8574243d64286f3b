using System.Globalization;
using Harness.Engine.Load.Model;
using Harness.Engine.Scenarios;
using Harness.Reports.Sizing;

namespace Harness.Engine.Sizing;

/// <summary>The assumptions (every input figure with its source) and risks that go with a sizing.</summary>
public static class SizingNotes
{
    private const string Option = "sizing section or command line";
    private const string Default = "harness default (docs/sizing.md)";

    /// <summary>Every input figure of the model and where it came from.</summary>
    public static IReadOnlyList<SizingAssumption> Assumptions(SizingSpec spec, InstanceTable? table, ProfileShape profile, ReplicatorSizing replicator)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(profile);
        ArgumentNullException.ThrowIfNull(replicator);
        var defaults = new SizingSpec();
        string From(bool isDefault) => isDefault ? Default : Option;
        var list = new List<SizingAssumption>
        {
            new("Latency SLO", F($"p99 ≤ {spec.SloP99.TotalMilliseconds:N0} ms"), From(spec.SloP99 == defaults.SloP99)),
            new("Headroom over peak", F($"× {spec.Headroom:0.##}"), From(spec.Headroom == defaults.Headroom)),
            new("Unbounded lag", F($"lag growing faster than {spec.LagGrowth:0.#%} of the offered rate"), From(spec.LagGrowth == defaults.LagGrowth)),
            new("Peak and mean rates", F($"peak {profile.PeakRecordsPerSecond:N0} records/s, mean {profile.MeanRecordsPerSecond:N0} records/s, {profile.MeanRecordBytes:N0} bytes/record"), F($"the profile's rate shapes × {spec.Scale:0.###}")),
            new("Per-task capacity", replicator.PerTask is { } p ? F($"{p.RecordsPerSecond:N0} records/s, {p.MegabytesPerSecond:0.###} MB/s (tasks {p.Tasks})") : "not measured", "measured: the lowest knee per task over the curves"),
            new("Tasks per worker", replicator.TasksPerWorker.ToString(CultureInfo.InvariantCulture), spec.TasksPerWorker is null ? "the most tasks measured in one process" : Option),
            new("Heap margin", F($"{spec.MemoryMargin:0.#%} over measured memory"), From(spec.MemoryMargin == defaults.MemoryMargin)),
            new("Replication factor", spec.ReplicationFactor.ToString(CultureInfo.InvariantCulture), From(spec.ReplicationFactor == defaults.ReplicationFactor)),
            new("Storage overhead", F($"{spec.StorageOverhead:0.#%}"), From(spec.StorageOverhead == defaults.StorageOverhead)),
            new("Retention without retention.ms", F($"{spec.DefaultRetention.TotalDays:0.##} days"), From(spec.DefaultRetention == defaults.DefaultRetention) + "; Kafka's log.retention.hours default is 168"),
            new("Backfill", F($"{spec.BackfillBytes / 1e9:N1} GB"), From(spec.BackfillBytes == defaults.BackfillBytes)),
            new("Cut-over window", F($"{spec.CutoverWindow.TotalDays:0.##} days"), From(spec.CutoverWindow == defaults.CutoverWindow)),
        };
        if (table is not null)
        {
            list.AddRange(table.Rules.Select(r => new SizingAssumption(r.Name, r.Value, r.Source)));
            foreach (var type in table.Types)
            {
                list.Add(new($"{type.Name}: partitions per broker", F($"{type.MaxPartitions.Value:N0}"), type.MaxPartitions.Source));
                if (type.StorageThroughputMiBps is { } throughput)
                {
                    list.Add(new($"{type.Name}: storage throughput", F($"{throughput.Value:N0} MiB/s"), throughput.Source));
                }

                if (type.MaxStorageGiB is { } storage)
                {
                    list.Add(new($"{type.Name}: storage per broker", F($"{storage.Value:N0} GiB"), storage.Source));
                }
            }
        }

        return list;
    }

    /// <summary>What could go wrong with the plan.</summary>
    public static IReadOnlyList<string> Risks(SizingSpec spec, InstanceTable? table, IReadOnlyList<CapacityCurve> curves, TargetClusterSizing cluster, Scenario scenario)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(curves);
        ArgumentNullException.ThrowIfNull(cluster);
        ArgumentNullException.ThrowIfNull(scenario);
        var risks = new List<string>();
        var recommended = cluster.Options.FirstOrDefault(o => o.Instance == cluster.Recommended);
        var provisioned = spec.ProvisionedStoragePerBrokerBytes is { } perBroker && recommended is not null
            ? perBroker * (double)recommended.Brokers / 1e9
            : cluster.StorageGigabytes;
        if (cluster.CutoverStorageGigabytes > provisioned)
        {
            risks.Add(F($"Backfill plus growth over the {spec.CutoverWindow.TotalDays:0.#}-day cut-over window needs {cluster.CutoverStorageGigabytes:N1} GB, more than the {provisioned:N1} GB provisioned: storage scaling waits out a cool-down between scalings (6 to more than 24 hours on managed Kafka) and never shrinks, so provision for the cut-over before the migration starts."));
        }

        foreach (var curve in curves)
        {
            if (curve.KneeRecordsPerSecond is null)
            {
                risks.Add(F($"Tasks {curve.Tasks}: no level held the SLO; start lower (sizing.start) or relax the SLO."));
            }
            else if (curve.KneeIsLowerBound)
            {
                risks.Add(F($"Tasks {curve.Tasks}: the replicator kept up with every level tried, so the knee is at least {curve.KneeRecordsPerSecond:N0} records/s; the load generator or the level cap ran out first (measure with more load-generating cores, or a throttle to check the search)."));
            }
        }

        if (spec.ThrottlePerTask is { } throttle)
        {
            risks.Add(F($"Measured with the built-in replicator throttled to {throttle:N0} records/s per task: the figures are the throttle's, for checking the search, not this replicator's capacity."));
        }

        if (scenario.Clusters.Source.Kind == "embedded" || scenario.Clusters.Target.Kind == "embedded")
        {
            risks.Add("Measured on embedded clusters on this machine: the replicator shared its CPU with the brokers and the load generator; measure on hardware like production's before trusting the per-task figure.");
        }

        if (curves.SelectMany(c => c.Levels).All(l => l.ReplicatorCpuCores is null))
        {
            risks.Add("Replicator CPU could not be read (it is read from /proc, on Linux, for replicators the harness starts).");
        }

        risks.Add("Broker CPU is not modelled: keep it under the instance table's target by measuring the target cluster.");
        if (scenario.Topics.Any(t => t.Rate is ClosedLoadModel))
        {
            risks.Add("Topics with a closed load model (keepConstant) have no rate to scale and count as idle.");
        }

        if (table is null)
        {
            risks.Add("No instance table was given (sizing.instances): no broker count.");
        }
        else if (recommended is not null && table.Types.First(t => t.Name == recommended.Instance).StorageThroughputMiBps is { } throughput
            && recommended.StorageWriteMiBPerSecond > throughput.Value * 0.8)
        {
            risks.Add(F($"{recommended.Instance}: storage writes of {recommended.StorageWriteMiBPerSecond:N0} MiB/s per broker are within 20% of the {throughput.Value:N0} MiB/s throughput."));
        }

        return risks;
    }

    private static string F(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
