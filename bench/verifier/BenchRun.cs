using System.Globalization;
using System.Text;
using Harness.Bench.Support;

namespace Harness.Verifier.Bench;

/// <summary>The benchmark: fill one topic, warm the broker up with one kcat read, then kcat and the verifier alternately.</summary>
internal static class BenchRun
{
    private const string Verifier = "verifier";
    private const string Topic = "verified";
    private const long MaxPeakRss = 300L * 1024 * 1024;
    private const double MinRatio = 0.8;
    private const string Clean = "all delivered, 0 anomalies";

    public static async Task<int> RunAsync(BenchOptions options)
    {
        var loadBefore = MachineLoad.OneMinute();
        using var broker = await BrokerProcess.StartAsync(options.Brokers);
        Console.Error.WriteLine($"broker at {broker.BootstrapServers}; load average {loadBefore}");

        await broker.CreateTopicAsync(Topic, options.Partitions);
        var (fillTime, ledger) = await TopicFiller.FillAsync(broker.BootstrapServers, Topic, options);
        var ends = await broker.HighWatermarksAsync(Topic, options.Partitions);
        if (ends.Sum() != options.Records)
        {
            throw new InvalidOperationException($"the topic holds {ends.Sum()} records, not {options.Records}");
        }

        var ledgerPath = Path.Combine(Path.GetTempPath(), $"verifier-bench-{Environment.ProcessId}.ledger");
        LedgerFile.Write(ledger, ledgerPath);
        Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"filled {options.Records:N0} records in {fillTime.TotalSeconds:0.0} s"));
        try
        {
            // The broker's fetch path runs tier-0 code at first; the measured reads should all meet a warmed-up broker.
            var warmUp = await KcatRunner.ReadAsync(broker.BootstrapServers, Topic);
            Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"warm-up kcat read: {options.Records / warmUp.Elapsed.TotalSeconds:N0} records/s"));
            var results = new List<Measurement>();
            for (var run = 0; run < options.Runs; run++)
            {
                // Alternate which goes first, so a slow stretch of the shared machine does not always fall on the same reader.
                string[] readers = [KcatRunner.Name, Verifier, KcatRunner.HeadersName];
                var order = readers.Skip(run % 3).Concat(readers.Take(run % 3));
                foreach (var reader in order.Where(r => options.Only is null || r == (options.Only == "kcat" ? KcatRunner.Name : Verifier)))
                {
                    var brokerCpu = await broker.CpuAsync();
                    var measurement = reader == Verifier
                        ? await MeasureVerifierAsync(broker, ledgerPath, ends, options)
                        : await MeasureKcatAsync(broker, options, reader);
                    measurement = measurement with { BrokerCpu = await broker.CpuAsync() - brokerCpu };
                    results.Add(measurement);
                    Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"run {run + 1} {reader}: {measurement.RecordsPerSecond:N0} records/s ({measurement.Elapsed.TotalSeconds:0.00} s, "
                        + $"reader CPU {measurement.ReaderCpu.TotalSeconds:0.00} s, broker CPU {measurement.BrokerCpu.TotalSeconds:0.00} s, peak RSS {measurement.PeakRss / 1048576.0:0} MiB) {measurement.Verdict}"));
                }
            }

            if (options.Only is not null)
            {
                return 0;
            }

            var report = Report(options, results, loadBefore, fillTime);
            Console.Out.Write(report);
            if (options.MarkdownFile is { } file)
            {
                await File.AppendAllTextAsync(file, report);
            }

            var verifierRuns = results.Where(r => r.Reader == Verifier).ToList();
            var met = Median(results, Verifier) / Median(results, KcatRunner.Name) >= MinRatio
                && verifierRuns.All(r => r.PeakRss < MaxPeakRss && r.Verdict == Clean);
            return met ? 0 : 1;
        }
        finally
        {
            File.Delete(ledgerPath);
        }
    }

    private static async Task<Measurement> MeasureVerifierAsync(BrokerProcess broker, string ledgerPath, IReadOnlyList<long> ends, BenchOptions options)
    {
        var (figures, processElapsed) = await VerifierProcess.RunAsync(broker.BootstrapServers, Topic, ledgerPath, ends, options);
        var clean = figures.Complete && figures.Anomalies == 0 && figures.Produced == options.Records && figures.Delivered == options.Records
            && figures.RecordsRead == options.Records;
        var verdict = clean ? Clean
            : string.Create(CultureInfo.InvariantCulture, $"NOT CLEAN: read {figures.RecordsRead}, delivered {figures.Delivered} of {figures.Produced}, {figures.Anomalies} anomalies, complete {figures.Complete}; {figures.Detail}");
        // Allocation per record would show here as hundreds of MiB; start-up and the admin client account for a few.
        Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"verifier process allocated {figures.AllocatedBytes / 1048576.0:0.0} MiB of managed memory in all"));
        return new Measurement(Verifier, figures.RecordsRead, TimeSpan.FromSeconds(figures.Seconds), processElapsed, TimeSpan.FromSeconds(figures.CpuSeconds), TimeSpan.Zero, figures.PeakRss, verdict);
    }

    private static async Task<Measurement> MeasureKcatAsync(BrokerProcess broker, BenchOptions options, string reader)
    {
        var (elapsed, cpu, peak) = await KcatRunner.ReadAsync(broker.BootstrapServers, Topic, headers: reader == KcatRunner.HeadersName);
        return new Measurement(reader, options.Records, elapsed, elapsed, cpu, TimeSpan.Zero, peak, "-");
    }

    private static double Median(List<Measurement> results, string reader) => Medians.Of(results.Where(r => r.Reader == reader).Select(r => r.RecordsPerSecond));

    private static string Report(BenchOptions options, List<Measurement> results, string loadBefore, TimeSpan fillTime)
    {
        var text = new StringBuilder();
        var ratio = Median(results, Verifier) / Median(results, KcatRunner.Name);
        var verifierRuns = results.Where(r => r.Reader == Verifier).ToList();
        var peak = verifierRuns.Max(r => r.PeakRss);
        text.AppendLine(CultureInfo.InvariantCulture, $"#### Run of {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC");
        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture,
            $"{Environment.ProcessorCount} cores (1-minute load average before the run {loadBefore}), .NET {Environment.Version}, {KcatVersion.Line()}; "
            + $"{options.Brokers} brokers, {options.Partitions} partitions, {options.Records:N0} stamped records of {options.ValueBytes}-byte values "
            + $"(filled by the load generator in {fillTime.TotalSeconds:0.0} s), loopback, Release build.");
        text.AppendLine();
        text.AppendLine("| run | reader | records/s | seconds | process seconds | reader CPU s | broker CPU s | peak RSS MiB | verdict |");
        text.AppendLine("|---:|---|---:|---:|---:|---:|---:|---:|---|");
        var index = 0;
        foreach (var result in results)
        {
            text.AppendLine(CultureInfo.InvariantCulture,
                $"| {(index++ / 3) + 1} | {result.Reader} | {result.RecordsPerSecond:N0} | {result.Elapsed.TotalSeconds:0.00} | {result.ProcessElapsed.TotalSeconds:0.00} | "
                + $"{result.ReaderCpu.TotalSeconds:0.00} | {result.BrokerCpu.TotalSeconds:0.00} | {result.PeakRss / 1048576.0:0} | {result.Verdict} |");
        }

        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture,
            $"Median verifier {Median(results, Verifier):N0} records/s, median kcat {Median(results, KcatRunner.Name):N0} records/s: {ratio:0.00}x "
            + $"(target >= {MinRatio:0.0}x: {(ratio >= MinRatio ? "met" : "not met")}); verifier peak RSS at most {peak / 1048576.0:0} MiB "
            + $"(target < 300 MB: {(peak < MaxPeakRss ? "met" : "not met")}); verdict {(verifierRuns.All(r => r.Verdict == Clean) ? "clean in every run" : "NOT CLEAN")}. "
            + $"Against kcat printing timestamps and headers too ({Median(results, KcatRunner.HeadersName):N0} records/s): {Median(results, Verifier) / Median(results, KcatRunner.HeadersName):0.00}x.");
        text.AppendLine();
        return text.ToString();
    }

}
