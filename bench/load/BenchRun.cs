using System.Globalization;
using System.Text;

namespace Harness.Load.Bench;

/// <summary>The benchmark: warm-up, then the generator and kcat alternately, each into a fresh topic.</summary>
internal static class BenchRun
{
    private const string Generator = "load generator";
    private const string Kcat = "kcat -P";
    private const string KcatHeader = "kcat -P -H (41-byte header)";

    public static async Task<int> RunAsync(BenchOptions options)
    {
        var loadBefore = LoadAverage();
        using var broker = await BrokerProcess.StartAsync(options);
        using var kcat = new KcatRunner(options);
        Console.Error.WriteLine($"broker at {broker.BootstrapServers}; load average {loadBefore}");

        // A fresh process runs tier-0 code for its first seconds; the figures should describe a warmed-up generator and broker.
        await broker.CreateTopicAsync("warm-up", options.Partitions);
        await GeneratorRunner.ProduceAsync(broker.BootstrapServers, "warm-up", options, Math.Min(options.Records, 300_000));
        await kcat.ProduceAsync(broker.BootstrapServers, "warm-up");

        var results = new List<Measurement>();
        for (var run = 0; run < options.Runs; run++)
        {
            // Alternate which goes first, so a slow stretch of the shared machine does not always fall on the same tool.
            string[] tools = [Generator, Kcat, KcatHeader];
            var order = tools.Skip(run % 3).Concat(tools.Take(run % 3));
            foreach (var tool in order.Where(t => options.Only is null || t == (options.Only == "kcat" ? Kcat : Generator)))
            {
                var topic = $"{(tool == Generator ? "gen" : tool == Kcat ? "kcat" : "kcath")}-{run}";
                await broker.CreateTopicAsync(topic, options.Partitions);
                var brokerCpu = await broker.CpuAsync();
                var (elapsed, clientCpu) = tool == Generator
                    ? await MeasureGeneratorAsync(broker, topic, options)
                    : await kcat.ProduceAsync(broker.BootstrapServers, topic, stampSizedHeader: tool == KcatHeader);
                var stored = await broker.CountAsync(topic, options.Partitions);
                if (stored != options.Records)
                {
                    throw new InvalidOperationException($"{tool} stored {stored} records, not {options.Records}");
                }

                var measurement = new Measurement(tool, stored, elapsed, await broker.CpuAsync() - brokerCpu, clientCpu);
                results.Add(measurement);
                Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"run {run + 1} {tool}: {measurement.RecordsPerSecond:N0} records/s ({elapsed.TotalSeconds:0.00} s, broker CPU {measurement.BrokerCpu.TotalSeconds:0.00} s, client CPU {clientCpu.TotalSeconds:0.00} s)"));
            }
        }

        var report = options.Only is null ? Report(options, results, loadBefore) : string.Empty;
        Console.Out.Write(report);
        if (options.MarkdownFile is { } file)
        {
            await File.AppendAllTextAsync(file, report);
        }

        if (options.Only is not null)
        {
            return 0;
        }

        var ratio = Median(results, Generator) / Median(results, Kcat);
        return ratio >= 1.0 ? 0 : 1;
    }

    private static async Task<(TimeSpan, TimeSpan)> MeasureGeneratorAsync(BrokerProcess broker, string topic, BenchOptions options)
    {
        var (elapsed, cpu, generator) = await GeneratorRunner.ProduceAsync(broker.BootstrapServers, topic, options, options.Records);
        if (generator.Counters.Acknowledged != options.Records || generator.Ledger.TotalAcknowledged != options.Records)
        {
            throw new InvalidOperationException($"the generator acknowledged {generator.Counters.Acknowledged} records, its ledger holds {generator.Ledger.TotalAcknowledged}");
        }

        return (elapsed, cpu);
    }

    private static double Median(List<Measurement> results, string tool)
    {
        var rates = results.Where(r => r.Tool == tool).Select(r => r.RecordsPerSecond).Order().ToList();
        return rates[rates.Count / 2];
    }

    private static string Report(BenchOptions options, List<Measurement> results, string loadBefore)
    {
        var text = new StringBuilder();
        var ratio = Median(results, Generator) / Median(results, Kcat);
        text.AppendLine(CultureInfo.InvariantCulture, $"#### Run of {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC");
        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture,
            $"{Environment.ProcessorCount} cores (1-minute load average before the run {loadBefore}), .NET {Environment.Version}, {KcatRunner.Version()}; "
            + $"{options.Brokers} brokers, {options.Partitions} partitions, {options.Records:N0} records of {options.ValueBytes}-byte values per run, "
            + $"{options.Producers} generator producer(s), acks=all, idempotent, linger.ms=5, loopback, Release build.");
        text.AppendLine();
        text.AppendLine("| run | tool | records/s | seconds | broker CPU s | client CPU s |");
        text.AppendLine("|---:|---|---:|---:|---:|---:|");
        var index = 0;
        foreach (var result in results)
        {
            text.AppendLine(CultureInfo.InvariantCulture,
                $"| {(index++ / 3) + 1} | {result.Tool} | {result.RecordsPerSecond:N0} | {result.Elapsed.TotalSeconds:0.00} | {result.BrokerCpu.TotalSeconds:0.00} | {result.ClientCpu.TotalSeconds:0.00} |");
        }

        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture,
            $"Median generator {Median(results, Generator):N0} records/s, median kcat {Median(results, Kcat):N0} records/s: {ratio:0.00}x (target >= 1.0x: {(ratio >= 1.0 ? "met" : "not met")}); "
            + $"against kcat with a stamp-sized header ({Median(results, KcatHeader):N0} records/s): {Median(results, Generator) / Median(results, KcatHeader):0.00}x.");
        text.AppendLine();
        return text.ToString();
    }

    private static string LoadAverage()
    {
        try
        {
            return File.ReadAllText("/proc/loadavg").Split(' ')[0];
        }
        catch (IOException)
        {
            return "unknown";
        }
    }
}
