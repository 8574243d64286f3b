using Harness.Engine.Switchover;
using Harness.Mm2.Records;
using Harness.Reports.Model;

namespace Harness.Engine.Tests.Switchover;

public sealed class SwitchoverPlanTests
{
    private static readonly (string, int)[] Partitions = [("orders", 0), ("orders", 1), ("orders", 2)];

    private static readonly Dictionary<(string, string, int), Checkpoint> Checkpoints = new()
    {
        [("app", "orders", 0)] = new Checkpoint("app", "orders", 0, 100, 98, ""),
        [("app", "orders", 1)] = new Checkpoint("app", "orders", 1, 200, 150, ""),
        [("other", "orders", 2)] = new Checkpoint("other", "orders", 2, 300, 299, ""),
    };

    [Test]
    public void Without_group_offset_sync_the_latest_checkpoints_are_used_and_a_partition_without_one_starts_at_earliest()
    {
        var (source, starts) = SwitchoverPlan.Choose("app", Partitions, Checkpoints, new Dictionary<(string, int), long>(), syncGroupOffsets: false);

        source.Should().Be(SwitchoverStartSource.Checkpoint);
        starts[("orders", 0)].Should().Be(new SwitchoverStart(98, SwitchoverStartSource.Checkpoint));
        starts[("orders", 1)].Should().Be(new SwitchoverStart(150, SwitchoverStartSource.Checkpoint));
        starts[("orders", 2)].Should().Be(new SwitchoverStart(null, SwitchoverStartSource.Earliest), "the other group's checkpoint is not app's");
    }

    [Test]
    public void With_group_offset_sync_and_the_group_on_the_target_its_synced_offsets_are_used()
    {
        var synced = new Dictionary<(string, int), long> { [("orders", 0)] = 97, [("orders", 2)] = 5 };

        var (source, starts) = SwitchoverPlan.Choose("app", Partitions, Checkpoints, synced, syncGroupOffsets: true);

        source.Should().Be(SwitchoverStartSource.SyncedGroupOffset);
        starts[("orders", 0)].Should().Be(new SwitchoverStart(97, SwitchoverStartSource.SyncedGroupOffset));
        starts[("orders", 1)].Should().Be(new SwitchoverStart(null, SwitchoverStartSource.Earliest), "a joining consumer has no committed offset there");
        starts[("orders", 2)].Should().Be(new SwitchoverStart(5, SwitchoverStartSource.SyncedGroupOffset));
    }

    [Test]
    public void With_group_offset_sync_but_no_group_on_the_target_the_checkpoints_are_used()
    {
        var (source, starts) = SwitchoverPlan.Choose("app", Partitions, Checkpoints, new Dictionary<(string, int), long>(), syncGroupOffsets: true);

        source.Should().Be(SwitchoverStartSource.Checkpoint);
        starts[("orders", 1)].Offset.Should().Be(150);
    }

    [Test]
    public void A_group_with_no_translation_at_all_starts_everywhere_at_earliest()
    {
        var (source, starts) = SwitchoverPlan.Choose("new", Partitions, Checkpoints, new Dictionary<(string, int), long>(), syncGroupOffsets: false);

        source.Should().Be(SwitchoverStartSource.Earliest);
        starts.Values.Should().OnlyContain(s => s.Source == SwitchoverStartSource.Earliest && s.Offset == null);
    }
}
