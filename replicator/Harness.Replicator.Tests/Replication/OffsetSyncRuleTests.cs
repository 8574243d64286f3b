using Harness.Replicator.OffsetSyncs;

namespace Harness.Replicator.Tests.Replication;

public sealed class OffsetSyncRuleTests
{
    [Test]
    public void The_first_record_of_a_task_is_synced()
    {
        new OffsetSyncPartitionState(100).Update(500, 0).Should().BeTrue();
    }

    [Test]
    public void A_sync_is_due_when_the_downstream_offset_is_offset_lag_max_past_the_last_sync_plus_one()
    {
        var state = new OffsetSyncPartitionState(100);
        state.Update(0, 0).Should().BeTrue();
        Enumerable.Range(1, 99).Select(i => state.Update(i, i)).Should().OnlyContain(due => !due, "100 - (0 + 1) = 99 < 100");
        state.Update(100, 100).Should().BeFalse("100 - (0 + 1) = 99");
        state.Update(101, 101).Should().BeTrue("101 - (0 + 1) = 100 >= offset.lag.max");
        state.Update(102, 102).Should().BeFalse();
    }

    [Test]
    public void An_upstream_gap_or_a_downstream_rewind_forces_a_sync()
    {
        var state = new OffsetSyncPartitionState(100);
        state.Update(0, 0);
        state.Update(1, 1).Should().BeFalse();
        state.Update(5, 2).Should().BeTrue("source offsets 2 to 4 are missing (compaction, transaction markers)");
        state.Update(6, 3).Should().BeFalse();
        state.Update(7, 1).Should().BeTrue("the target partition went backwards");
    }

    [Test]
    public void Offset_lag_max_zero_syncs_every_record()
    {
        var state = new OffsetSyncPartitionState(0);
        Enumerable.Range(0, 10).Select(i => state.Update(i, i)).Should().OnlyContain(due => due);
    }
}
