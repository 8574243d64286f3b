using Harness.Engine.Resources;
using Harness.Engine.Scenarios;
using Harness.Engine.Tests.Scenarios;
using Harness.Reports.Model;

namespace Harness.Engine.Tests.Resources;

/// <summary>"memory flat" over samples taken from a synthetic probe: the run's path from reading to check, without a clock.</summary>
public sealed class MemoryChecksTests
{
    private static readonly MemoryExpectation FiveMiBPerMinute = new() { MaxSlopeMiBPerMinute = 5 };

    [Test]
    public void A_growing_harness_fails_the_check_with_its_slope()
    {
        // 1 MiB more at every one-second sample for four minutes: 60 MiB a minute, a leak.
        var samples = Sample(new GrowingProbe(400, 1), seconds: 240);

        var check = MemoryChecks.Evaluate(FiveMiBPerMinute, samples).Should().ContainSingle().Which;

        check.Name.Should().Be("memory flat");
        check.Passed.Should().BeFalse();
        check.Measured.Should().StartWith("+60 MiB/min");
        check.Message.Should().Contain("grew 60 MiB/min over the second half");
    }

    [Test]
    public void A_harness_that_grew_at_start_up_and_then_stayed_flat_passes()
    {
        // Start-up takes 200 MiB in the first two minutes; the next two saw around 600 MiB as collections come and go.
        var samples = Sample(new StartUpProbe(), seconds: 240);

        var check = MemoryChecks.Evaluate(FiveMiBPerMinute, samples).Should().ContainSingle().Which;

        check.Passed.Should().BeTrue(check.Measured);
    }

    [Test]
    public void Too_few_samples_fail_instead_of_guessing()
    {
        // Two samples in a second half of two minutes: a line through two points says nothing about a trend.
        var samples = Sample(new GrowingProbe(400, 0), seconds: 240, every: 120);

        var check = MemoryChecks.Evaluate(FiveMiBPerMinute, samples).Should().ContainSingle().Which;

        check.Passed.Should().BeFalse();
        check.Message.Should().Contain("too few memory samples");
    }

    [Test]
    public void A_second_half_shorter_than_30_seconds_is_not_judged()
    {
        // A 20-second run still warms up in its second half: its climb is start-up, not a leak.
        var check = MemoryChecks.Evaluate(FiveMiBPerMinute, Sample(new GrowingProbe(200, 1.5), seconds: 20)).Should().ContainSingle().Which;

        check.Passed.Should().BeTrue();
        check.Measured.Should().StartWith("not judged: the second half lasted 10s (+90 MiB/min");
        check.Message.Should().Contain("--duration 1m");
    }

    [Test]
    public void A_run_of_a_few_seconds_with_one_sample_in_its_second_half_is_not_judged_either()
    {
        var check = MemoryChecks.Evaluate(FiveMiBPerMinute, Sample(new GrowingProbe(200, 1), seconds: 3, every: 2)).Should().ContainSingle().Which;

        check.Passed.Should().BeTrue();
        check.Measured.Should().Be("not judged: the second half lasted 0s (201 MiB)");
    }

    [Test]
    public void No_samples_at_all_fail()
    {
        var check = MemoryChecks.Evaluate(FiveMiBPerMinute, []).Should().ContainSingle().Which;

        check.Passed.Should().BeFalse();
        check.Message.Should().Contain("too few memory samples");
    }

    [Test]
    public void Without_a_bound_there_is_no_check() =>
        MemoryChecks.Evaluate(MemoryExpectation.None, Sample(new GrowingProbe(400, 10), seconds: 60)).Should().BeEmpty();

    [Test]
    public void The_bound_is_read_from_expect_memory()
    {
        ScenarioText.Load(ScenarioText.MinimalTopics + "\nname: m\nexpect:\n  memory: {maxSlopeMiBPerMinute: 2.5}\n")
            .Expect.Memory.MaxSlopeMiBPerMinute.Should().Be(2.5);
        ScenarioText.Error(ScenarioText.MinimalTopics + "\nname: m\nexpect:\n  memory: {maxSlope: 2}\n").Should().Contain("maxSlopeMiBPerMinute");
    }

    /// <summary>One sample every <paramref name="every"/> seconds, each read from <paramref name="probe"/> as the run's sampler does.</summary>
    private static List<MetricSample> Sample(IMemoryProbe probe, int seconds, int every = 1) =>
        [.. Enumerable.Range(0, (seconds / every) + 1).Select(i => probe.Read().ApplyTo(new MetricSample { OffsetSeconds = i * every }))];

    private sealed class GrowingProbe(double start, double perRead) : IMemoryProbe
    {
        private double _rss = start;

        public MemoryReading Read()
        {
            var reading = new MemoryReading(_rss, _rss / 2, null, null, 120);
            _rss += perRead;
            return reading;
        }
    }

    private sealed class StartUpProbe : IMemoryProbe
    {
        private int _reads;

        public MemoryReading Read()
        {
            var t = _reads++;
            var rss = t < 120 ? 400 + (200.0 * t / 120) : 600 + (t % 3 == 0 ? 6 : -3);
            return new MemoryReading(rss, null, null, null, null);
        }
    }
}
