using System.Globalization;
using Harness.Reports.Model;

namespace Harness.Reports.Html.Sections;

/// <summary>
/// The pre-flight checks: per cluster the brokers, inferred Kafka version and ACL visibility, the APIs that are missing
/// or too old, topic config and ACL differences with what MirrorMaker 2 does about each, and the auth probes that did
/// not come back allowed. Written whenever the checks ran.
/// </summary>
internal sealed class PreflightSection : IHtmlSection
{
    private static readonly TableColumn[] ClusterColumns =
    [
        new("Cluster", RowHeader: true), new("Principal"), new("Brokers", Numeric: true), new("Kafka (inferred)"), new("APIs"), new("ACLs"),
    ];

    private static readonly TableColumn[] ConfigColumns = [new("Source topic", RowHeader: true), new("Target topic"), new("Setting"), new("Source"), new("Target"), new("MirrorMaker 2")];

    private static readonly TableColumn[] AclColumns =
    [
        new("Only on", RowHeader: true), new("Resource"), new("Applies to"), new("Principal"), new("Operation"), new("Permission"), new("MirrorMaker 2"),
    ];

    private static readonly TableColumn[] ProbeColumns = [new("Cluster", RowHeader: true), new("Principal"), new("Topic"), new("Operation"), new("Outcome"), new("How it was found")];

    public void Render(RunResult result, HtmlOutput html)
    {
        if (result.Preflight is not { } preflight)
        {
            return;
        }

        Section.Open(html, "preflight", "Pre-flight checks");
        if (preflight.Refusal is not null)
        {
            html.Element("p", "Refused before any load: " + preflight.Refusal, ("class", "bad"));
            html.Line();
        }

        var clusters = new HtmlTable("preflight-clusters", "Brokers, API support and ACLs per cluster (describe requests only)", ClusterColumns);
        foreach (var cluster in preflight.Clusters)
        {
            var gaps = cluster.Apis.Where(a => a.Status is "missing" or "too-old").ToList();
            var apis = gaps.Count == 0
                ? new TableCell($"all {cluster.Apis.Count(a => a.Status == "ok")} needed supported" + (cluster.Problem is null ? "" : $"; not checked: {cluster.Problem}"))
                : new TableCell(string.Join("; ", gaps.Select(Gap)), null, "bad", Icons.Fail);
            clusters.Add(new TableRow(
                [cluster.Cluster, cluster.Principal, TableCell.Count(cluster.Brokers), cluster.InferredVersion ?? "not inferred", apis, cluster.Acls],
                gaps.Count == 0 ? null : "row-fail",
                cluster.Cluster));
        }

        clusters.Render(html, "No cluster was read.");

        var configs = new HtmlTable("preflight-configs", "Topic settings that differ between source and target topics that both exist", ConfigColumns);
        foreach (var d in preflight.TopicDifferences)
        {
            configs.Add(d.SourceTopic, d.TargetTopic, d.Setting, d.SourceValue ?? "(unset)", d.TargetValue ?? "(unset)", d.Mm2);
        }

        configs.Render(html, "No topic setting differs (or no run topic exists on both sides).");

        var acls = new HtmlTable("preflight-acls", "ACL entries on one side only, for the run's topics and groups", AclColumns);
        foreach (var a in preflight.AclDifferences)
        {
            acls.Add(a.Cluster, a.Resource, a.AppliesTo, a.Principal, a.Operation, a.Permission, a.Mm2);
        }

        acls.Render(html, "No ACL differs (or ACLs are not visible on both sides).");

        var allowed = preflight.Probes.Count(p => p.Outcome == "allowed");
        html.Element("p", string.Create(CultureInfo.InvariantCulture, $"Auth probes: {allowed} of {preflight.Probes.Count} operations allowed."));
        html.Line();
        var probes = new HtmlTable("preflight-probes", "Operations the run needs that were not confirmed allowed", ProbeColumns);
        foreach (var p in preflight.Probes.Where(p => p.Outcome != "allowed"))
        {
            var denied = p.Outcome == "denied";
            probes.Add(new TableRow(
                [p.Cluster, p.Principal, p.Topic, p.Operation, denied ? new TableCell(p.Outcome, null, "bad", Icons.Fail) : p.Outcome, p.Detail],
                denied ? "row-fail" : null,
                $"{p.Cluster}/{p.Topic}/{p.Operation}"));
        }

        probes.Render(html, "Every probed operation is allowed.");
        Section.Close(html);
    }

    private static string Gap(PreflightApi api) => api.Status == "missing"
        ? $"{api.Name} missing"
        : string.Create(CultureInfo.InvariantCulture, $"{api.Name} up to v{api.MaxVersion}, needs v{api.Needed}");
}
