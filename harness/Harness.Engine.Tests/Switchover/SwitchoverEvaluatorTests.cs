using Harness.Engine.Scenarios;
using Harness.Engine.Switchover;
using Harness.Reports.Model;

namespace Harness.Engine.Tests.Switchover;

public sealed class SwitchoverEvaluatorTests
{
    private static readonly Dictionary<(string, int), long> Ends = new() { [("source.orders", 0)] = 100, [("source.orders", 1)] = 60 };

    private static SwitchoverResult Result(long missing0, long reRead1, bool complete = true, long unconsumed1 = 0)
    {
        var starts = new Dictionary<(string, int), SwitchoverStart>
        {
            [("source.orders", 0)] = new(40, SwitchoverStartSource.Checkpoint),
            [("source.orders", 1)] = new(null, SwitchoverStartSource.Earliest),
        };
        var read = new SwitchoverReadOutcome(123, new Dictionary<(string, int), long> { [("source.orders", 0)] = 40, [("source.orders", 1)] = 0 },
            complete ? [] : ["source.orders/0 at 70 of 100"], null);
        return SwitchoverEvaluator.Result("app", "harness-switchover-app", SwitchoverStartSource.Checkpoint, starts, read,
            [new SwitchoverPartitionTally("orders", 0, 50, 50, missing0, 10), new SwitchoverPartitionTally("orders", 1, 60, unconsumed1, 0, reRead1)],
            t => "source." + t, Ends);
    }

    [Test]
    public void The_result_sums_partitions_and_says_where_each_started()
    {
        var result = Result(missing0: 3, reRead1: 60);

        result.Should().BeEquivalentTo(new
        {
            Group = "app", ConsumerGroupId = "harness-switchover-app", StartSource = SwitchoverStartSource.Checkpoint, Complete = true,
            RecordsRead = 123L, Unconsumed = 50L, Missing = 3L, ReRead = 70L,
        });
        result.Partitions.Select(p => (p.TargetTopic, p.StartSource, p.StartOffset, p.EndOffset, p.SourceCommitted)).Should().Equal(
            ("source.orders", SwitchoverStartSource.Checkpoint, 40L, 100L, 50L),
            ("source.orders", SwitchoverStartSource.Earliest, 0L, 60L, 60L));
    }

    [Test]
    public void A_clean_switchover_passes_with_one_check_named_after_the_group()
    {
        var check = SwitchoverEvaluator.Checks(OffsetTranslationExpectation.Default, [Result(missing0: 0, reRead1: 60)]).Single();

        check.Name.Should().Be("switchover app");
        check.Passed.Should().BeTrue();
        check.Measured.Should().Be("0 missing of 50 unconsumed, 70 re-read (caught-up partitions at most 60); started from checkpoints on 2 partitions, 1 at earliest (no translation)");
        check.Expected.Should().Be("0 missing, caught-up re-read <= 100 (offset.lag.max), read to the end");
    }

    [Test]
    public void Any_missing_record_fails_under_the_default_ahead_bound_of_zero()
    {
        var check = SwitchoverEvaluator.Checks(OffsetTranslationExpectation.Default, [Result(missing0: 1, reRead1: 0)]).Single();

        check.Passed.Should().BeFalse();
        check.Message.Should().Contain("never read 1 records");
    }

    [Test]
    public void The_ahead_bound_counts_partitions_that_skip_records()
    {
        var check = SwitchoverEvaluator.Checks(new OffsetTranslationExpectation { Ahead = 1 }, [Result(missing0: 5, reRead1: 0)]).Single();

        check.Passed.Should().BeTrue();
        check.Expected.Should().StartWith("missing records in <= 1 partitions");
    }

    [Test]
    public void Re_reading_beyond_offset_lag_max_fails_only_for_caught_up_partitions()
    {
        var expect = new OffsetTranslationExpectation { MaxRedelivery = 50 };

        SwitchoverEvaluator.Checks(expect, [Result(missing0: 0, reRead1: 51)]).Single().Passed.Should().BeFalse("orders/1 was caught up");
        SwitchoverEvaluator.Checks(expect, [Result(missing0: 0, reRead1: 51, unconsumed1: 5)]).Single().Passed.Should().BeTrue(
            "a lagging partition may be sent further back than offset.lag.max, as in the offset translation check");
    }

    [Test]
    public void A_target_not_read_to_its_end_fails()
    {
        var check = SwitchoverEvaluator.Checks(OffsetTranslationExpectation.Default, [Result(missing0: 0, reRead1: 0, complete: false)]).Single();

        check.Passed.Should().BeFalse();
        check.Message.Should().Contain("could not be read to its end");
    }
}
