using Harness.Engine.Load.Model;

namespace Harness.Engine.Tests.Load;

public sealed class StickyPartitionerTests
{
    private const ulong Seed = 0xABCDEF;

    [Test]
    public void The_same_arguments_give_the_same_partitions()
    {
        var schedule = new InjectionSchedule(new ConstantRate(5_000), records: 50_000);
        var first = new StickyPartitioner(12, 200, Seed, schedule);
        var second = new StickyPartitioner(12, 200, Seed, schedule);

        Enumerable.Range(0, 50_000).Select(o => first.PartitionOf(o))
            .Should().Equal(Enumerable.Range(0, 50_000).Select(o => second.PartitionOf(o)));
    }

    [Test]
    public void Records_due_in_one_10_ms_window_share_a_partition()
    {
        // At 1,000/s record n falls due at (n + 1) ms: ordinals 0-9 in the first window, 10-19 in the next.
        var schedule = new InjectionSchedule(new ConstantRate(1_000), records: 10_000);
        var partitioner = new StickyPartitioner(12, 1_000, Seed, schedule);
        var partitions = Enumerable.Range(0, 10_000).Select(o => partitioner.PartitionOf(o)).ToArray();

        partitions.Chunk(10).Should().OnlyContain(window => window.Distinct().Count() == 1);
        partitions.Chunk(10).Select(w => w[0]).Distinct().Should().HaveCount(12, "a thousand windows visit every partition");
    }

    [Test]
    public void A_full_batch_moves_to_another_partition_before_the_window_ends()
    {
        // At 1,000,000/s a 10 ms window holds 10,000 records: a batch of 100 fills long before.
        var schedule = new InjectionSchedule(new ConstantRate(1_000_000), records: 10_000);
        var partitioner = new StickyPartitioner(12, 100, Seed, schedule);
        var blocks = Enumerable.Range(0, 10_000).Select(o => partitioner.PartitionOf(o)).Chunk(100).ToList();

        blocks.Should().OnlyContain(block => block.Distinct().Count() == 1);
        blocks.Select(b => b[0]).Distinct().Should().HaveCountGreaterThan(6);
    }

    [Test]
    public void Windows_spread_evenly_over_partitions()
    {
        var schedule = new InjectionSchedule(new ConstantRate(100), records: 12_000);
        var partitioner = new StickyPartitioner(12, 1_000, Seed, schedule);
        var counts = new int[12];
        for (var ordinal = 0; ordinal < 12_000; ordinal++)
        {
            counts[partitioner.PartitionOf(ordinal)]++;
        }

        // Chi-square with 11 degrees of freedom; 31.26 is the 0.999 quantile.
        Statistics.ChiSquare(counts, Enumerable.Repeat(1_000.0, 12).ToArray()).Should().BeLessThan(31.26);
    }

    [Test]
    public void Producers_sharing_a_topic_stick_to_different_partitions()
    {
        var schedule = new InjectionSchedule(new ConstantRate(10_000), records: 100_000);
        var first = new StickyPartitioner(12, 1_000, Seed, schedule, shareIndex: 0, shareCount: 2);
        var second = new StickyPartitioner(12, 1_000, Seed, schedule, shareIndex: 1, shareCount: 2);

        // Window w holds ordinals 100w..100w+99; producer 0 sends the even ones, producer 1 the odd ones.
        var differing = Enumerable.Range(0, 1_000).Count(w => first.PartitionOf(100L * w) != second.PartitionOf((100L * w) + 1));
        differing.Should().BeGreaterThan(800, "two producers pick independently, agreeing about one time in twelve");
    }

    [Test]
    public void Without_a_schedule_a_producer_switches_after_each_of_its_batches()
    {
        var partitioner = new StickyPartitioner(8, 50, Seed, schedule: null, shareIndex: 1, shareCount: 2);

        // Producer 1 of 2 sends odd ordinals; its batch of 50 spans 100 ordinals.
        var blocks = Enumerable.Range(0, 100).Select(b => Enumerable.Range(0, 50).Select(i => partitioner.PartitionOf((100L * b) + (2 * i) + 1)).ToArray()).ToList();

        blocks.Should().OnlyContain(block => block.Distinct().Count() == 1);
        blocks.Select(b => b[0]).Distinct().Should().HaveCountGreaterThan(4);
    }

    [Test]
    public void Going_back_to_an_earlier_ordinal_gives_its_partition_again()
    {
        var schedule = new InjectionSchedule(new ConstantRate(3_000), records: 30_000);
        var partitioner = new StickyPartitioner(12, 500, Seed, schedule);
        var forward = Enumerable.Range(0, 30_000).Select(o => partitioner.PartitionOf(o)).ToArray();

        Enumerable.Range(0, 300).Select(i => partitioner.PartitionOf(29_999 - (i * 100))).Should().Equal(Enumerable.Range(0, 300).Select(i => forward[29_999 - (i * 100)]));
    }

    [Test]
    public void Records_per_batch_is_the_batch_size_over_the_record_size_and_at_least_one() =>
        (StickyPartitioner.RecordsPerBatch(16_384, 256), StickyPartitioner.RecordsPerBatch(100, 4_096)).Should().Be((64L, 1L));
}
