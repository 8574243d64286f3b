using Harness.Engine.Load.Model;
using Harness.Engine.Orchestration;
using Harness.Engine.Scenarios;

namespace Harness.Engine.Tests.Orchestration;

public sealed class RunSamplerClassesTests
{
    private static readonly List<(string Source, string Target, int Partitions)> Topics =
        [("audit", "source.audit", 1), ("orders", "source.orders", 4), ("clicks", "source.clicks", 2), ("events", "source.events", 2)];

    [Test]
    public void Without_the_scenario_s_topics_every_topic_is_one_all_row() =>
        RunSampler.Classes(Topics, null).Should().ContainSingle()
            .Which.Should().Match<(string Class, IReadOnlyList<string> Topics)>(c => c.Class == "all" && c.Topics.SequenceEqual(new[] { "audit", "orders", "clicks", "events" }));

    [Test]
    public void Topics_without_a_volume_are_one_all_row_when_none_declares_one() =>
        RunSampler.Classes(Topics, [Spec("audit", null), Spec("orders", null)]).Select(c => c.Class).Should().Equal("all");

    [Test]
    public void Declared_volumes_make_rows_busiest_first_and_the_rest_an_other_row()
    {
        var classes = RunSampler.Classes(Topics, [Spec("audit", TopicVolume.Low), Spec("orders", TopicVolume.High), Spec("clicks", TopicVolume.High), Spec("events", null)]);

        classes.Select(c => (c.Class, string.Join(",", c.Topics))).Should().Equal(("high", "orders,clicks"), ("low", "audit"), ("other", "events"));
    }

    private static TopicSpec Spec(string name, TopicVolume? volume) =>
        new() { Name = name, Partitions = 1, Rate = new OpenLoadModel(new ConstantRate(10)), Records = 10, Volume = volume };
}
