using Harness.Replicator.Source;

namespace Harness.Replicator.Tests.Replication;

public sealed class TaskPlanTests
{
    [Test]
    public void A_high_volume_topic_gets_tasks_of_its_own()
    {
        var plan = new TaskPlan(4);
        var partitions = Topic("firehose", 12, 5000).Concat(Enumerable.Range(0, 10).SelectMany(t => Topic($"small-{t}", 3, 10))).ToList();

        plan.PlaceInitial(partitions);

        var firehoseTasks = plan.Owners.Where(o => o.Key.Topic == "firehose").Select(o => o.Value).ToHashSet();
        firehoseTasks.Should().HaveCount(3, "the firehose is ~98% of the volume: round(0.98 * 4) = 4, less one task kept for the rest");
        plan.Owners.Where(o => o.Key.Topic != "firehose").Select(o => o.Value).Should().OnlyContain(t => !firehoseTasks.Contains(t), "no small topic shares a firehose task");
        firehoseTasks.Should().OnlyContain(t => plan.Dedicated[t]);
        firehoseTasks.Select(t => plan.Owners.Count(o => o.Value == t)).Should().OnlyContain(n => n == 4, "its 12 partitions spread evenly");
    }

    [Test]
    public void Topics_of_similar_volume_share_tasks_evenly()
    {
        var plan = new TaskPlan(3);
        plan.PlaceInitial(Enumerable.Range(0, 6).SelectMany(t => Topic($"t{t}", 2, 100)).ToList());

        plan.Dedicated.Should().OnlyContain(d => !d, "no topic reaches a fair share (1/3 of the volume)");
        plan.Loads.Should().OnlyContain(l => l == 400);
    }

    [Test]
    public void Partitions_found_later_go_to_the_least_loaded_undedicated_task()
    {
        var plan = new TaskPlan(3);
        plan.PlaceInitial([.. Topic("big", 4, 1000), .. Topic("a", 1, 10), .. Topic("b", 1, 30)]);
        var big = plan.Owners.Where(o => o.Key.Topic == "big").Select(o => o.Value).ToHashSet();

        plan.PlaceAdded([.. Topic("late", 2, 5)]);

        plan.Owners.Where(o => o.Key.Topic == "late").Select(o => o.Value).Should().OnlyContain(t => !big.Contains(t));
    }

    [Test]
    public void A_heavy_topic_found_later_is_spread_over_all_tasks_rather_than_piled_on_the_undedicated_one()
    {
        var plan = new TaskPlan(4);
        plan.PlaceInitial([.. Topic("firehose", 12, 5000), .. Topic("small", 3, 10)]);
        plan.Dedicated.Count(d => d).Should().Be(3, "the firehose gets three tasks and one is kept for the rest");

        plan.PlaceAdded([.. Topic("late-firehose", 12, 5000), .. Topic("late-small", 2, 5)]);

        var late = plan.Owners.Where(o => o.Key.Topic == "late-firehose").GroupBy(o => o.Value).ToDictionary(g => g.Key, g => g.Count());
        late.Should().HaveCount(4, "a topic weighing a fair share of the total goes to the least-loaded tasks of all");
        late.Values.Max().Should().BeLessThanOrEqualTo(6, "no single task takes the whole topic");
        plan.Owners.Where(o => o.Key.Topic == "late-small").Select(o => o.Value).Should().OnlyContain(t => !plan.Dedicated[t], "a light topic still keeps off the dedicated tasks");
    }

    [Test]
    public void One_task_takes_everything()
    {
        var plan = new TaskPlan(1);
        plan.PlaceInitial([.. Topic("big", 4, 1000), .. Topic("a", 1, 10)]);

        plan.Owners.Values.Should().OnlyContain(t => t == 0);
        plan.Dedicated.Should().Equal(false);
    }

    private static IEnumerable<PartitionVolume> Topic(string name, int partitions, double weight) =>
        Enumerable.Range(0, partitions).Select(p => new PartitionVolume(name, p, weight));
}
