using System.Globalization;
using System.Text;
using Harness.Bench.Support;

namespace Harness.Load.Bench;

/// <summary>The benchmark: warm-up, then the generator and kcat alternately, each into a fresh topic.</summary>
internal static class BenchRun
{
    private const string Generator = "load generator";
    private const string Kcat = "kcat -P";
    private const string KcatHeader = "kcat -P -H (41-byte header)";
    private const string KcatSameLibrary = "kcat -P, generator's librdkafka";
    private const string KcatHeaderSameLibrary = "kcat -P -H, generator's librdkafka";

    public static async Task<int> RunAsync(BenchOptions options)
    {
        var loadBefore = LoadAverage();
        using var broker = await BrokerProcess.StartAsync(options.Brokers);
        using var kcat = new KcatRunner(options);
        Console.Error.WriteLine($"broker at {broker.BootstrapServers}; load average {loadBefore}");

        // A fresh process runs tier-0 code for its first seconds; the figures should describe a warmed-up generator and broker.
        await broker.CreateTopicAsync("warm-up", options.Partitions);
        await GeneratorRunner.ProduceAsync(broker.BootstrapServers, "warm-up", options, Math.Min(options.Records, 300_000));
        await kcat.ProduceAsync(broker.BootstrapServers, "warm-up");
        kcat.UseGeneratorLibrary();

        string[] tools = kcat.HasGeneratorLibrary ? [Generator, Kcat, KcatHeader, KcatSameLibrary, KcatHeaderSameLibrary] : [Generator, Kcat, KcatHeader];
        var results = new List<Measurement>();
        for (var run = 0; run < options.Runs; run++)
        {
            // Alternate which goes first, so a slow stretch of the shared machine does not always fall on the same tool.
            var order = tools.Skip(run % tools.Length).Concat(tools.Take(run % tools.Length));
            foreach (var tool in order.Where(t => options.Only is null || (options.Only == "kcat" ? t != Generator : t == Generator)))
            {
                var topic = $"t{Array.IndexOf(tools, tool)}-{run}";
                await broker.CreateTopicAsync(topic, options.Partitions);
                var brokerCpu = await broker.CpuAsync();
                var (elapsed, clientCpu) = tool == Generator
                    ? await MeasureGeneratorAsync(broker, topic, options)
                    : await kcat.ProduceAsync(broker.BootstrapServers, topic, stampSizedHeader: tool is KcatHeader or KcatHeaderSameLibrary,
                        generatorLibrary: tool is KcatSameLibrary or KcatHeaderSameLibrary);
                var stored = await broker.CountAsync(topic, options.Partitions);
                if (stored != options.Records)
                {
                    throw new InvalidOperationException($"{tool} stored {stored} records, not {options.Records}");
                }

                var measurement = new Measurement(run + 1, tool, stored, elapsed, await broker.CpuAsync() - brokerCpu, clientCpu);
                results.Add(measurement);
                Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"run {run + 1} {tool}: {measurement.RecordsPerSecond:N0} records/s ({elapsed.TotalSeconds:0.00} s, broker CPU {measurement.BrokerCpu.TotalSeconds:0.00} s, client CPU {clientCpu.TotalSeconds:0.00} s)"));
            }
        }

        var report = options.Only is null ? Report(options, kcat, results, loadBefore) : string.Empty;
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

    private static double Median(List<Measurement> results, string tool) => Median(results.Where(r => r.Tool == tool).Select(r => r.RecordsPerSecond));

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count == 0 ? double.NaN : sorted[sorted.Count / 2];
    }

    private static string Report(BenchOptions options, KcatRunner kcat, List<Measurement> results, string loadBefore)
    {
        var text = new StringBuilder();
        var generator = Median(results, Generator);
        var ratio = generator / Median(results, Kcat);
        var settings = string.Join(", ", KcatRunner.Settings.Select(s => $"{s.Name}={s.Value}"));
        text.AppendLine(CultureInfo.InvariantCulture, $"#### Run of {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC");
        text.AppendLine();
        var library = kcat.HasGeneratorLibrary ? $"; the generator's librdkafka: {kcat.Version(generatorLibrary: true)}" : string.Empty;
        text.AppendLine(CultureInfo.InvariantCulture,
            $"{Environment.ProcessorCount} cores (1-minute load average before the run {loadBefore}), .NET {Environment.Version}, kcat {kcat.Version()}{library}; "
            + $"{options.Brokers} brokers, {options.Partitions} partitions, {options.Records:N0} records of {options.ValueBytes}-byte values per run, "
            + $"{options.Producers} generator producer(s), loopback, Release build. Both tools: {settings} "
            + $"(kcat gets them with -X; for the generator they are its settings and librdkafka's defaults).");
        text.AppendLine();
        text.AppendLine("| run | tool | records/s | seconds | broker CPU s | client CPU s |");
        text.AppendLine("|---:|---|---:|---:|---:|---:|");
        foreach (var result in results)
        {
            text.AppendLine(CultureInfo.InvariantCulture,
                $"| {result.Run} | {result.Tool} | {result.RecordsPerSecond:N0} | {result.Elapsed.TotalSeconds:0.00} | {result.BrokerCpu.TotalSeconds:0.00} | {result.ClientCpu.TotalSeconds:0.00} |");
        }

        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture,
            $"Median generator {generator:N0} records/s, median kcat {Median(results, Kcat):N0} records/s: {ratio:0.00}x (target >= 1.0x: {(ratio >= 1.0 ? "met" : "not met")}).");
        foreach (var tool in new[] { KcatHeader, KcatSameLibrary, KcatHeaderSameLibrary }.Where(t => results.Any(r => r.Tool == t)))
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"Against {tool} ({Median(results, tool):N0} records/s): {generator / Median(results, tool):0.00}x.");
        }

        var cpu = results.GroupBy(r => r.Tool)
            .Select(g => string.Create(CultureInfo.InvariantCulture, $"{g.Key} {Median(g.Select(r => r.ClientCpu.TotalSeconds * 1e6 / r.Records)):0.00} s"));
        text.AppendLine(CultureInfo.InvariantCulture, $"Median client CPU per million records: {string.Join(", ", cpu)}.");
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
