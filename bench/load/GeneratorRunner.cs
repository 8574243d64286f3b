using System.Diagnostics;
using Harness.Engine.Load;
using Harness.Engine.Load.Model;
using Harness.Engine.Scenarios;

namespace Harness.Load.Bench;

/// <summary>The harness's load generator at its maximum rate: an open model asking far more than any client can send.</summary>
internal static class GeneratorRunner
{
    private const double Unreachable = 10_000_000;

    public static async Task<(TimeSpan Elapsed, TimeSpan Cpu, LoadGenerator Generator)> ProduceAsync(string bootstrapServers, string topic, BenchOptions options, long records)
    {
        var scenario = new Scenario
        {
            Name = "load-bench",
            Seed = 1,
            Topics =
            [
                new TopicSpec
                {
                    Name = topic,
                    Partitions = options.Partitions,
                    Rate = new OpenLoadModel(new ConstantRate(Unreachable)),
                    Records = records,
                    Size = new FixedSize(options.ValueBytes),
                    Keys = NoKeys.Instance,
                    Producers = options.Producers,
                    Producer = new ProducerSettings { LingerMs = 5 },
                },
            ],
        };
        var generator = new LoadGenerator(scenario, bootstrapServers, runId: 1);
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        await generator.RunAsync(CancellationToken.None);
        var elapsed = clock.Elapsed;
        return (elapsed, Process.GetCurrentProcess().TotalProcessorTime - cpu, generator);
    }
}
