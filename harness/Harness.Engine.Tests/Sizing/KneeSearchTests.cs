using Harness.Engine.Sizing;
using Harness.Reports.Sizing;

namespace Harness.Engine.Tests.Sizing;

public sealed class KneeSearchTests
{
    private const double BaseRate = 1000;

    [TestCase(2600)]
    [TestCase(730)]
    [TestCase(123_456)]
    public async Task The_knee_of_a_known_capacity_is_found_within_the_precision(double capacity)
    {
        var levels = await new KneeSearch(precision: 0.05, maxLevels: 12).SearchAsync(1, Replicator(capacity), CancellationToken.None);

        var knee = KneeSearch.Knee(levels);
        knee.Should().NotBeNull();
        knee!.ReplicateRecordsPerSecond.Should().BeInRange(capacity * 0.95, capacity);
        levels.Should().Contain(l => !l.Passed && l.OfferedRecordsPerSecond <= capacity * 1.06, "a failure just above the knee closes the bracket");
        levels.Count.Should().BeLessThanOrEqualTo(12);
    }

    [Test]
    public async Task A_failure_s_achieved_rate_steers_the_next_probe_so_few_levels_are_needed()
    {
        var levels = await new KneeSearch(0.05, 12).SearchAsync(1, Replicator(300), CancellationToken.None);

        // 1,000 fails having achieved 300; the next probe is just under 300, not 500.
        levels[1].OfferedRecordsPerSecond.Should().BeApproximately(270, 0.5);
        levels.Count.Should().BeLessThanOrEqualTo(6);
    }

    [Test]
    public async Task When_every_level_passes_the_search_stops_at_the_level_cap_with_the_highest_pass()
    {
        var levels = await new KneeSearch(0.05, 4).SearchAsync(1, Replicator(double.MaxValue), CancellationToken.None);

        levels.Select(l => l.Multiplier).Should().Equal(1, 2, 4, 8);
        KneeSearch.Knee(levels)!.Multiplier.Should().Be(8);
    }

    [Test]
    public async Task Nothing_passing_gives_no_knee()
    {
        var levels = await new KneeSearch(0.05, 5).SearchAsync(1, Replicator(0), CancellationToken.None);

        levels.Should().HaveCount(5).And.OnlyContain(l => !l.Passed);
        KneeSearch.Knee(levels).Should().BeNull();
    }

    /// <summary>A replicator that copies up to <paramref name="capacity"/> records/s and fails any level above it.</summary>
    private static Func<double, CancellationToken, Task<LoadLevelResult>> Replicator(double capacity) => (multiplier, _) =>
    {
        var offered = BaseRate * multiplier;
        return Task.FromResult(new LoadLevelResult
        {
            Multiplier = multiplier,
            OfferedRecordsPerSecond = offered,
            ProduceRecordsPerSecond = offered,
            ReplicateRecordsPerSecond = Math.Min(offered, capacity),
            Passed = offered <= capacity,
        });
    };
}
