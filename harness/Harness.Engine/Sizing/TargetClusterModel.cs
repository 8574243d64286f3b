using Harness.Reports.Sizing;

namespace Harness.Engine.Sizing;

/// <summary>
/// Sizes the target cluster from the profile:
/// ingress = peak bytes/s; egress = Σ topic peak × its consumer groups; replication = ingress × (RF − 1);
/// storage = Σ (topic mean bytes/s × retention) + backfill, × RF × (1 + overhead);
/// cut-over storage = (backfill + mean bytes/s × cut-over window) × RF × (1 + overhead);
/// brokers per instance type = the most of: RF, ceil(partitions × RF / max partitions), ceil(ingress × RF / storage
/// throughput), ceil(storage / max storage), rounded up to a multiple of the zones.
/// </summary>
public static class TargetClusterModel
{
    private const double MiB = 1024 * 1024;
    private const double GiB = 1024 * MiB;

    /// <summary>Sizes the cluster; <paramref name="table"/> may be null (no broker counts).</summary>
    public static TargetClusterSizing Size(ProfileShape profile, SizingSpec spec, InstanceTable? table)
    {
        ArgumentNullException.ThrowIfNull(profile);
        ArgumentNullException.ThrowIfNull(spec);
        var rf = spec.ReplicationFactor;
        var factor = rf * (1 + spec.StorageOverhead);
        var retained = profile.Topics.Sum(t => t.MeanRecordsPerSecond * t.MeanRecordBytes * t.Retention.TotalSeconds);
        var meanBytes = profile.Topics.Sum(t => t.MeanRecordsPerSecond * t.MeanRecordBytes);
        var storage = (retained + spec.BackfillBytes) * factor;
        var cutover = (spec.BackfillBytes + (meanBytes * spec.CutoverWindow.TotalSeconds)) * factor;
        var partitions = profile.Topics.Sum(t => t.Partitions);
        var ingress = profile.PeakBytesPerSecond;
        var options = (table?.Types ?? []).Select(t => Option(t, table!.Zones, rf, partitions * rf, ingress, storage)).ToList();
        var recommended = options.MinBy(o => o.Brokers * (table!.Types.First(t => t.Name == o.Instance).Vcpu?.Value ?? 1));
        return new TargetClusterSizing
        {
            IngressMegabytesPerSecond = Math.Round(ingress / 1e6, 3),
            EgressMegabytesPerSecond = Math.Round(profile.Topics.Sum(t => t.PeakRecordsPerSecond * t.MeanRecordBytes * t.ConsumerGroups) / 1e6, 3),
            ReplicationMegabytesPerSecond = Math.Round(ingress * (rf - 1) / 1e6, 3),
            ReplicationFactor = rf,
            Partitions = partitions,
            PartitionReplicas = partitions * rf,
            RetainedGigabytes = Math.Round(retained / 1e9, 3),
            BackfillGigabytes = Math.Round(spec.BackfillBytes / 1e9, 3),
            StorageGigabytes = Math.Round(storage / 1e9, 3),
            CutoverStorageGigabytes = Math.Round(cutover / 1e9, 3),
            Options = options,
            Recommended = recommended?.Instance,
        };
    }

    /// <summary>The brokers one instance type needs, and the limit that decided.</summary>
    public static BrokerOption Option(InstanceType type, int zones, int replicationFactor, int replicas, double ingressBytesPerSecond, double storageBytes)
    {
        ArgumentNullException.ThrowIfNull(type);
        var needs = new List<(string Limit, double Brokers)>
        {
            ("replication factor", replicationFactor),
            ("partitions per broker", Math.Ceiling(replicas / type.MaxPartitions.Value)),
        };
        if (type.StorageThroughputMiBps is { } throughput)
        {
            needs.Add(("storage throughput", Math.Ceiling(ingressBytesPerSecond * replicationFactor / MiB / throughput.Value)));
        }

        if (type.MaxStorageGiB is { } maxStorage)
        {
            needs.Add(("storage per broker", Math.Ceiling(storageBytes / GiB / maxStorage.Value)));
        }

        var (limit, count) = needs.MaxBy(n => n.Brokers);
        var brokers = (int)(Math.Ceiling(Math.Max(1, count) / zones) * zones);
        return new BrokerOption
        {
            Instance = type.Name,
            Brokers = brokers,
            LimitedBy = limit,
            PartitionsPerBroker = Math.Round(replicas / (double)brokers, 1),
            StoragePerBrokerGigabytes = Math.Round(storageBytes / brokers / 1e9, 3),
            StorageWriteMiBPerSecond = Math.Round(ingressBytesPerSecond * replicationFactor / brokers / MiB, 3),
        };
    }
}
