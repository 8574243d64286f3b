using System.Diagnostics;
using Harness.Bench.Support;
using Harness.Engine.Load;

namespace Harness.Load.Bench;

/// <summary>The harness's load generator at its maximum rate: an open model asking far more than any client can send.</summary>
internal static class GeneratorRunner
{
    /// <summary>Records of the warm-up run, whichever process the generator runs in.</summary>
    private const long WarmUpRecords = 300_000;

    /// <summary>
    /// A fresh process runs tier-0 code for its first seconds; a warm-up run into <paramref name="topic"/> lets the
    /// measured runs describe a warmed-up generator (and loads its librdkafka).
    /// </summary>
    public static async Task WarmUpAsync(string bootstrapServers, string topic, BenchOptions options, CancellationToken cancellation) =>
        await ProduceAsync(bootstrapServers, topic, options, Math.Min(options.Records, WarmUpRecords), cancellation);

    /// <summary>One measured run of <see cref="BenchOptions.Records"/> records, checked complete: its wall time and this process's CPU time.</summary>
    public static async Task<(TimeSpan Elapsed, TimeSpan Cpu)> MeasureAsync(string bootstrapServers, string topic, BenchOptions options, CancellationToken cancellation)
    {
        var (elapsed, cpu, generator) = await ProduceAsync(bootstrapServers, topic, options, options.Records, cancellation);
        if (generator.Counters.Acknowledged != options.Records || generator.Ledger.TotalAcknowledged != options.Records)
        {
            throw new InvalidOperationException($"the generator acknowledged {generator.Counters.Acknowledged} records, its ledger holds {generator.Ledger.TotalAcknowledged}");
        }

        return (elapsed, cpu);
    }

    /// <summary>The librdkafka files this process has mapped, as the kernel names them (symbolic links resolved).</summary>
    public static IReadOnlyList<string> LoadedLibraries() =>
        File.ReadLines("/proc/self/maps")
            .Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Where(f => f.Length >= 6 && Path.GetFileName(f[5]).Contains("librdkafka", StringComparison.Ordinal))
            .Select(f => f[5])
            .Distinct(StringComparer.Ordinal)
            .ToList();

    private static async Task<(TimeSpan Elapsed, TimeSpan Cpu, LoadGenerator Generator)> ProduceAsync(string bootstrapServers, string topic, BenchOptions options, long records, CancellationToken cancellation)
    {
        var scenario = MaxRateScenario.For("load-bench", topic, options.Partitions, records, options.ValueBytes, options.Producers);
        var generator = new LoadGenerator(scenario, bootstrapServers, runId: 1);
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        await generator.RunAsync(cancellation);
        var elapsed = clock.Elapsed;

        // A cancelled generator purges what it had not sent and returns: its run is no measurement.
        cancellation.ThrowIfCancellationRequested();
        return (elapsed, Process.GetCurrentProcess().TotalProcessorTime - cpu, generator);
    }
}
