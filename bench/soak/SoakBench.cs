using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Harness.Bench.Support;
using Harness.Engine.Resources;

namespace Harness.Soak.Bench;

/// <summary>Runs the soak once per storage and writes the figures as markdown.</summary>
internal static class SoakBench
{
    public static async Task<(string Text, bool AllPassed)> RunAsync(BenchOptions options)
    {
        var harness = options.Harness ?? Path.Combine(RepositoryRoot(), "harness", "Harness.Cli", "bin", "Release", "net10.0", "harness.dll");
        if (!File.Exists(harness))
        {
            throw new FileNotFoundException($"{harness} is missing: build the solution in Release first, or give --harness", harness);
        }

        var figures = new List<SoakFigures>();
        foreach (var storage in options.Storages)
        {
            Console.WriteLine($"soak on {storage} storage: {options.Rate:N0} records/s of {options.ValueBytes} bytes for {options.Duration} ...");
            figures.Add(await RunOneAsync(harness, storage, options));
        }

        // Memory storage holds what it stores, so its "memory flat" fails by design: it is the comparison, disk the target.
        return (Format(options, figures), figures.Where(f => f.Storage == "disk").All(f => f.ExitCode == 0));
    }

    private static async Task<SoakFigures> RunOneAsync(string harness, string storage, BenchOptions options)
    {
        var folder = Directory.CreateTempSubdirectory($"soak-bench-{storage}-");
        try
        {
            var scenario = Path.Combine(folder.FullName, $"soak-{storage}.yaml");
            await File.WriteAllTextAsync(scenario, Scenario(storage, options));
            var load = MachineLoad.OneMinute();
            var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (var argument in new[] { harness, "run", scenario, "--output", Path.Combine(folder.FullName, "runs") })
            {
                info.ArgumentList.Add(argument);
            }

            info.Environment["CI"] = "true"; // plain progress lines, no live view
            var clock = Stopwatch.StartNew();
            using var process = Process.Start(info)!;
            var output = process.StandardOutput.ReadToEndAsync();
            var errors = process.StandardError.ReadToEndAsync();
            var rss = new List<(double, double)>();
            double peak = 0;
            double peakData = 0;
            var runs = Path.Combine(folder.FullName, "runs");
            using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1));
            while (!process.HasExited && await timer.WaitForNextTickAsync())
            {
                var (now, top) = ProcessMemory.Read(process.Id);
                if (now > 0)
                {
                    rss.Add((clock.Elapsed.TotalSeconds, now / 1048576.0));
                    peak = Math.Max(peak, top / 1048576.0);
                }

                if (rss.Count % 5 == 0)
                {
                    peakData = Math.Max(peakData, FolderBytes(runs) / 1073741824.0);
                }
            }

            await process.WaitForExitAsync();
            var stdout = await output;
            var runFolder = stdout.TrimEnd().Split('\n')[^1].Trim();
            var resultsPath = Path.Combine(runFolder, "results.json");
            if (!File.Exists(resultsPath))
            {
                throw new InvalidOperationException($"the {storage} run wrote no results.json (exit {process.ExitCode}): {await errors}");
            }

            using var results = JsonDocument.Parse(await File.ReadAllTextAsync(resultsPath));
            var root = results.RootElement;
            var parity = root.GetProperty("parity").EnumerateArray().ToList();
            var samples = root.GetProperty("timeSeries").GetProperty("samples").EnumerateArray()
                .Where(s => s.GetProperty("offsetSeconds").GetDouble() <= options.Duration.TotalSeconds).ToList();
            return new SoakFigures(storage, process.ExitCode, root.GetProperty("verdict").GetString() ?? "?", clock.Elapsed,
                parity.Sum(p => p.GetProperty("produced").GetInt64()), parity.Sum(p => p.GetProperty("replicated").GetInt64()),
                samples.Count == 0 ? 0 : samples.Average(s => s.GetProperty("produceRate").GetDouble()),
                samples.Count == 0 ? 0 : samples.Average(s => s.GetProperty("replicateRate").GetDouble()),
                rss, peak, peakData, load);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    /// <summary>A steady rate (no faults: this measures memory and rates, the soak scenario measures recovery) on both clusters' storage.</summary>
    private static string Scenario(string storage, BenchOptions options) => string.Create(CultureInfo.InvariantCulture, $$"""
        name: soak-bench-{{storage}}
        seed: 19
        clusters:
          source: {brokers: 3, storage: {{storage}}}
          target: {brokers: 3, storage: {{storage}}}
        topics:
          - {name: events, partitions: {{options.Partitions}}, rate: {{options.Rate}}, duration: {{(int)options.Duration.TotalSeconds}}s, size: {{options.ValueBytes}}{{Retention(options)}}}
        replicator: {kind: builtin, policy: identity}
        expect:
          drainWithin: 300s
          memory: {maxSlopeMiBPerMinute: 5}
        """);

    private static string Retention(BenchOptions options) => options.Retention is { } kept
        ? string.Create(CultureInfo.InvariantCulture, $", configs: {{retention.ms: \"{(long)kept.TotalMilliseconds}\", segment.bytes: \"67108864\"}}")
        : "";

    /// <summary>Bytes under <paramref name="folder"/>; files deleted while it is read (retention) count as gone.</summary>
    private static long FolderBytes(string folder)
    {
        long bytes = 0;
        var options = new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = true };
        try
        {
            foreach (var file in new DirectoryInfo(folder).EnumerateFiles("*", options))
            {
                try
                {
                    bytes += file.Length;
                }
                catch (FileNotFoundException)
                {
                }
            }
        }
        catch (DirectoryNotFoundException)
        {
        }

        return bytes;
    }

    private static string Format(BenchOptions options, List<SoakFigures> figures)
    {
        var text = new StringBuilder();
        var c = CultureInfo.InvariantCulture;
        text.AppendLine(c, $"\n### Soak, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC\n");
        text.AppendLine(c, $"`soak-bench --duration {(int)options.Duration.TotalSeconds}s --rate {options.Rate} --value-bytes {options.ValueBytes} --partitions {options.Partitions}{(options.Retention is { } kept ? $" --retention {(int)kept.TotalSeconds}s" : "")}`: one topic, built-in replicator, 3 brokers per cluster, no faults.\n");
        text.AppendLine("| storage | load avg | verdict | produced | produce / replicate records/s | wall | harness RSS at 25 / 50 / 75 / 100 % of the load | peak | slope over the second half | written per cluster | most on disk |");
        text.AppendLine("|---|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var f in figures)
        {
            var load = f.Rss.Where(p => p.Seconds <= options.Duration.TotalSeconds + 10).ToList();
            string At(double share) => load.Count == 0 ? "-" : load.MinBy(p => Math.Abs(p.Seconds - (share * options.Duration.TotalSeconds))).MiB.ToString("0", c);
            var slope = MemorySlope.MiBPerMinute(MemorySlope.SecondHalf(load));
            text.AppendLine(c, $"| {f.Storage} | {f.LoadAverage} | {f.Verdict} | {f.Produced:N0} | {f.ProduceRate:N0} / {f.ReplicateRate:N0} | {f.Wall.TotalSeconds:0} s | {At(0.25)} / {At(0.5)} / {At(0.75)} / {At(1)} MiB | {f.PeakMiB:0} MiB | {(slope is { } s ? s.ToString("+0.0;-0.0;0", c) : "-")} MiB/min | {f.Produced * (double)options.ValueBytes / 1073741824:0.0} GiB | {(f.Storage == "disk" ? f.PeakDataGiB.ToString("0.0", c) + " GiB" : "-")} |");
        }

        text.AppendLine();
        text.AppendLine("Harness RSS each minute (MiB):\n");
        text.AppendLine("| minute | " + string.Join(" | ", figures.Select(f => f.Storage)) + " |");
        text.AppendLine("|---:|" + string.Concat(figures.Select(_ => "---:|")));
        var minutes = (int)Math.Ceiling(figures.Max(f => f.Rss.Count == 0 ? 0 : f.Rss[^1].Seconds) / 60);
        for (var m = 0; m <= minutes; m++)
        {
            var row = figures.Select(f => f.Rss.Where(p => p.Seconds <= (m * 60) + 0.5).Select(p => p.MiB.ToString("0", c)).LastOrDefault() ?? "-");
            text.AppendLine(c, $"| {m} | {string.Join(" | ", row)} |");
        }

        return text.ToString();
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Harness.sln")))
            {
                return directory.FullName;
            }
        }

        throw new DirectoryNotFoundException("no Harness.sln above the benchmark: give --harness");
    }
}
