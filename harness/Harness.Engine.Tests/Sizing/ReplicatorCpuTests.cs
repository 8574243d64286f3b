using Harness.Engine.Sizing;
using Microsoft.Extensions.Time.Testing;

namespace Harness.Engine.Tests.Sizing;

public sealed class ReplicatorCpuTests
{
    [Test]
    public void Cpu_seconds_are_user_plus_system_ticks_counted_from_the_last_parenthesis()
    {
        // A command name with a space and a parenthesis in it; utime 250 and stime 150 ticks.
        const string Stat = "4242 (dotnet (x) y) S 1 4242 4242 0 -1 4194560 100 0 0 0 250 150 0 0 20 0 12 0 500 1000 200";

        ProcessCpu.CpuSeconds(Stat).Should().Be(4.0);
        ProcessCpu.CpuSeconds("not a stat line").Should().BeNull();
    }

    [Test]
    public async Task Cores_over_a_window_are_the_cpu_seconds_used_per_second_of_it()
    {
        var time = new FakeTimeProvider();
        var cpu = 0.0;
        await using var sampler = new ReplicatorCpuSampler("levels", time, _ => new Dictionary<int, double> { [1] = cpu, [2] = cpu / 2 }, everySecond: false);

        sampler.Sample();
        for (var second = 1; second <= 10; second++)
        {
            time.Advance(TimeSpan.FromSeconds(1));
            cpu += second <= 5 ? 1.0 : 0.2; // both processes together: 1.5 cores for 5 s, then 0.3
            sampler.Sample();
        }

        sampler.CoresBetween(0.5, 5.5).Should().Be(1.5);
        sampler.CoresBetween(5.5, 10.5).Should().Be(0.3);
        sampler.CoresBetween(20, 30).Should().BeNull("no sample falls in that window");
    }

    [Test]
    public void Nothing_is_found_where_there_is_no_proc()
    {
        ProcessCpu.Read("anything", Path.Combine(Path.GetTempPath(), "no-such-proc-" + Guid.NewGuid())).Should().BeEmpty();
    }
}
