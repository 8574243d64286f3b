using Harness.Reports.Model;

namespace Harness.Engine.Safety.Preflight;

/// <summary>The pre-flight findings as text lines: what <c>harness run --plan</c> prints and the run shows as events.</summary>
public static class PreflightLines
{
    /// <summary>The lines of <paramref name="report"/>; problems first within each part, all-clear parts in one line.</summary>
    public static IReadOnlyList<string> Format(PreflightReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var lines = new List<string> { "pre-flight checks (describe requests only):" };
        foreach (var cluster in report.Clusters)
        {
            lines.Add($"  {cluster.Cluster}: {cluster.Brokers} broker{(cluster.Brokers == 1 ? "" : "s")} answered ApiVersions; Kafka {cluster.InferredVersion ?? "version not inferred"}; principal {cluster.Principal}; ACLs: {cluster.Acls}");
            var gaps = cluster.Apis.Where(a => a.Status is "missing" or "too-old").ToList();
            lines.Add(gaps.Count == 0
                ? $"    APIs: all {cluster.Apis.Count(a => a.Status == "ok")} needed APIs supported" + Absent(cluster)
                : $"    APIs: {string.Join("; ", gaps.Select(Gap))}" + Absent(cluster));
            if (cluster.Problem is not null)
            {
                lines.Add($"    not checked: {cluster.Problem}");
            }
        }

        foreach (var difference in report.TopicDifferences)
        {
            lines.Add($"  config {difference.SourceTopic} -> {difference.TargetTopic}: {difference.Setting} {difference.SourceValue ?? "(unset)"} vs {difference.TargetValue ?? "(unset)"}: {difference.Mm2}");
        }

        foreach (var acl in report.AclDifferences)
        {
            lines.Add($"  ACL only on {acl.Cluster}: {acl.Permission} {acl.Operation} for {acl.Principal} on {acl.Resource} (applies to {acl.AppliesTo}): {acl.Mm2}");
        }

        var notAllowed = report.Probes.Where(p => p.Outcome != "allowed").ToList();
        var allowed = report.Probes.Count - notAllowed.Count;
        lines.Add($"  auth probes: {allowed} of {report.Probes.Count} operations allowed" + (notAllowed.Count == 0 ? "" : ":"));
        lines.AddRange(notAllowed.Select(p => $"    {p.Outcome.ToUpperInvariant()} {p.Principal} {p.Operation} {p.Cluster} topic {p.Topic}: {p.Detail}"));
        if (report.Refusal is not null)
        {
            lines.Add($"  the run would be refused: {report.Refusal}");
        }

        return lines;
    }

    private static string Gap(PreflightApi api) => api.Status == "missing"
        ? $"{api.Name} ({api.Key}) missing, needed for {api.Purpose}"
        : $"{api.Name} ({api.Key}) only up to v{api.MaxVersion}, needs v{api.Needed} for {api.Purpose}";

    private static string Absent(PreflightCluster cluster)
    {
        var absent = cluster.Apis.Where(a => a.Status == "absent-optional").Select(a => a.Name).ToList();
        return absent.Count == 0 ? "" : $" (optional, not supported: {string.Join(", ", absent)})";
    }
}
