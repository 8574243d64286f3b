using Harness.Engine.Runs;

namespace Harness.Engine.Safety;

/// <summary>
/// Refuses a run that would write its stamped test records into a topic that already exists on a cluster the
/// harness did not start: one mistyped name aimed at a shared cluster must not reach a production topic.
/// </summary>
public static class ExistingTopicGuard
{
    /// <summary>Throws (exit 2) when one of <paramref name="written"/> is in <paramref name="inventory"/> and existing topics are not allowed.</summary>
    public static void Check(ClusterInventory inventory, IEnumerable<string> written, string role, bool allowExisting)
    {
        ArgumentNullException.ThrowIfNull(inventory);
        if (allowExisting)
        {
            return;
        }

        var existing = written.Where(inventory.Topics.Contains).Distinct(StringComparer.Ordinal).ToList();
        if (existing.Count > 0)
        {
            throw new HarnessException(
                $"clusters.{role}: topic{(existing.Count == 1 ? "" : "s")} {string.Join(", ", existing.Select(t => $"'{t}'"))} already exist{(existing.Count == 1 ? "s" : "")} on a cluster the harness did not start, and the run would write test records into {(existing.Count == 1 ? "it" : "them")}; rename, or set clusters.{role}.allowExistingTopics: true",
                ExitCodes.BadInput);
        }
    }
}
