using Harness.Engine.Scenarios;
using Harness.Reports.Model;

namespace Harness.Engine.Safety.Preflight;

/// <summary>
/// ACL entries that apply to a run topic on one cluster but not to its counterpart on the other, with what MirrorMaker 2
/// will do: it copies literal topic ACLs of replicated topics (ALLOW ALL as ALLOW READ), never ALLOW WRITE, never
/// prefixed or group ACLs, and never removes an ACL from the target.
/// </summary>
public static class AclDiff
{
    /// <summary>The differences, or none when either side's ACLs are not visible.</summary>
    public static IReadOnlyList<PreflightAclDifference> Compare(
        IEnumerable<(string Source, string Target)> pairs, IEnumerable<string> groups, ClusterSnapshot source, ClusterSnapshot target, ReplicatorSpec replicator)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(replicator);
        if (source.Acls is null || target.Acls is null)
        {
            return [];
        }

        var syncOn = !replicator.Disabled("sync.topic.acls.enabled");
        var rows = new List<PreflightAclDifference>();
        foreach (var (sourceTopic, targetTopic) in pairs)
        {
            var onSource = source.Acls.Where(a => a.AppliesTo("topic", sourceTopic)).ToList();
            var onTarget = target.Acls.Where(a => a.AppliesTo("topic", targetTopic)).ToList();
            rows.AddRange(onSource.Where(a => !onTarget.Any(t => Same(a, t))).Select(a => Row("source", a, sourceTopic, SourceNote(a, sourceTopic, syncOn))));
            rows.AddRange(onTarget.Where(a => !onSource.Any(s => Same(a, s))).Select(a => Row("target", a, targetTopic, "stays: MM2 only adds ACLs to the target, never removes one")));
        }

        foreach (var group in groups.Distinct(StringComparer.Ordinal))
        {
            var onSource = source.Acls.Where(a => a.AppliesTo("group", group)).ToList();
            var onTarget = target.Acls.Where(a => a.AppliesTo("group", group)).ToList();
            rows.AddRange(onSource.Where(a => !onTarget.Any(t => Same(a, t))).Select(a => Row("source", a, group, "never synced: MM2 ignores group ACLs; grant it on the target before consumers move")));
            rows.AddRange(onTarget.Where(a => !onSource.Any(s => Same(a, s))).Select(a => Row("target", a, group, "target only: MM2 ignores group ACLs")));
        }

        return rows;
    }

    /// <summary>What MM2 does with a source ACL on a replicated topic.</summary>
    public static string SourceNote(AclEntry acl, string topic, bool syncOn)
    {
        ArgumentNullException.ThrowIfNull(acl);
        return !syncOn ? "never synced: sync.topic.acls.enabled=false"
            : acl.Pattern != "literal" ? "never synced: MM2 copies literal topic ACLs only"
            : acl.Name != topic ? "never synced: MM2 copies ACLs named after a replicated topic, not wildcards"
            : acl.Permission == "ALLOW" && acl.Operation == "WRITE" ? "never synced: MM2 never copies ALLOW WRITE, so only it writes the target topic"
            : acl.Permission == "ALLOW" && acl.Operation == "ALL" ? "synced as ALLOW READ: MM2 turns ALL into READ"
            : "synced (every sync.topic.acls.interval.seconds, 600 s by default)";
    }

    private static bool Same(AclEntry a, AclEntry b) =>
        a.Principal == b.Principal && a.Host == b.Host && a.Operation == b.Operation && a.Permission == b.Permission;

    private static PreflightAclDifference Row(string cluster, AclEntry acl, string appliesTo, string note) => new()
    {
        Cluster = cluster, Resource = acl.Resource, AppliesTo = appliesTo, Principal = acl.Principal, Host = acl.Host,
        Operation = acl.Operation, Permission = acl.Permission, Mm2 = note,
    };
}
