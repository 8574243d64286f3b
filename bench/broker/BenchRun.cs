using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using Harness.Bench.Support;

namespace Harness.Broker.Bench;

/// <summary>The benchmark: Confluent.Kafka then kcat against one broker child process, and the memory it ends with.</summary>
internal static class BenchRun
{
    private const double TargetRecordsPerSecond = 300_000;

    public static async Task<int> RunAsync(BenchOptions options)
    {
        var loadBefore = MachineLoad.OneMinute();
        using var broker = await BrokerProcess.StartAsync(options.Brokers, options.Storage == Harness.Broker.Storage.StorageKind.Disk);
        Console.WriteLine($"broker child at {broker.BootstrapServers}; {options.Records:N0} records of {options.ValueBytes} bytes, {options.Partitions} partitions, {options.Brokers} brokers, {Storage(options)} storage");
        var results = new List<Measurement>();

        // A fresh process runs tier-0 code and grows its heap and thread pool during its first seconds; a short
        // unmeasured run first makes the figures describe the broker a rehearsal talks to, not its start-up.
        await broker.CreateTopicAsync("bench-warmup", options.Partitions);
        var warmup = options with { Records = Math.Min(options.Records, 200_000) };
        ConfluentRunner.Produce(broker.BootstrapServers, "bench-warmup", warmup);
        ConfluentRunner.Consume(broker.BootstrapServers, "bench-warmup", warmup);

        await broker.CreateTopicAsync("bench-confluent", options.Partitions);
        results.Add(await TimedAsync(broker, () => Task.FromResult(ConfluentRunner.Produce(broker.BootstrapServers, "bench-confluent", options)), inProcess: true));
        var afterProduce = await broker.MemoryAsync();
        await broker.CreateTopicAsync("bench-confluent-nodr", options.Partitions);
        results.Add(await TimedAsync(broker, () => Task.FromResult(ConfluentRunner.Produce(broker.BootstrapServers, "bench-confluent-nodr", options, deliveryReports: false)), inProcess: true));
        await ExpectCountAsync(broker, "bench-confluent-nodr", options);
        results.Add(await TimedAsync(broker, () => Task.FromResult(ConfluentRunner.Consume(broker.BootstrapServers, "bench-confluent", options)), inProcess: true));
        await broker.CreateTopicAsync("bench-confluent-txn", options.Partitions);
        results.Add(await TimedAsync(broker, () => Task.FromResult(ConfluentRunner.ProduceTransactional(broker.BootstrapServers, "bench-confluent-txn", options)), inProcess: true));
        results.Add(await TimedAsync(broker, () => Task.FromResult(ConfluentRunner.Consume(broker.BootstrapServers, "bench-confluent-txn", options,
            "consume a transactional topic (read_committed, markers skipped)")), inProcess: true));
        var memory = await broker.MemoryAsync();
        Console.WriteLine($"  broker after Confluent runs: RSS {Mb(memory.Rss)} (peak {Mb(memory.PeakRss)}, after produce {Mb(afterProduce.Rss)}), stored {Mb(memory.StoredBytes)}, managed heap {Mb(memory.ManagedHeap)}, budget {Mb(memory.Budget)}");

        BrokerMemory? withKcat = null;
        if (options.Kcat && File.Exists("/usr/bin/kcat"))
        {
            await broker.CreateTopicAsync("bench-kcat", options.Partitions);
            results.Add(await TimedAsync(broker, () => KcatRunner.ProduceAsync(broker.BootstrapServers, "bench-kcat", options)));
            await ExpectCountAsync(broker, "bench-kcat", options);
            results.Add(await TimedAsync(broker, () => KcatRunner.ConsumeAsync(broker.BootstrapServers, "bench-kcat", options)));
            withKcat = await broker.MemoryAsync();
            Console.WriteLine($"  broker after kcat runs too: RSS {Mb(withKcat.Rss)} (peak {Mb(withKcat.PeakRss)}), stored {Mb(withKcat.StoredBytes)}, budget {Mb(withKcat.Budget)}");
        }

        // The targets apply to the harness's own path: Confluent.Kafka with delivery reports, and its consumer.
        // The transactional runs are reported, not held to the target: their cost is the client's per-transaction round trips.
        var confluent = results.Where(r => r.Client.StartsWith("Confluent", StringComparison.Ordinal) && !r.Operation.Contains("no delivery", StringComparison.Ordinal)
            && !r.Operation.Contains("transactional", StringComparison.Ordinal)).ToList();
        var pass = confluent.All(r => r.RecordsPerSecond >= TargetRecordsPerSecond) && memory.Rss <= memory.Budget && (withKcat is null || withKcat.Rss <= withKcat.Budget);
        var markdown = Markdown(options, loadBefore, results, memory, withKcat, pass);
        Console.WriteLine();
        Console.WriteLine(markdown);
        if (options.MarkdownFile is { } file)
        {
            await File.AppendAllTextAsync(file, markdown);
        }

        return pass ? 0 : 1;
    }

    private static async Task ExpectCountAsync(BrokerProcess broker, string topic, BenchOptions options)
    {
        var stored = await broker.CountAsync(topic, options.Partitions);
        if (stored != options.Records)
        {
            throw new InvalidOperationException($"{topic} holds {stored} records, {options.Records} were produced");
        }
    }

    private static async Task<Measurement> TimedAsync(BrokerProcess broker, Func<Task<Measurement>> run, bool inProcess = false)
    {
        var before = await broker.MemoryAsync();
        var clientBefore = Environment.CpuUsage.TotalTime;
        var m = await run();
        var clientCpu = Environment.CpuUsage.TotalTime - clientBefore;
        var after = await broker.MemoryAsync();
        m = m with { BrokerCpu = TimeSpan.FromMilliseconds(after.CpuMilliseconds - before.CpuMilliseconds), ClientCpu = inProcess ? clientCpu : null };
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {m.Client} {m.Operation}: {m.RecordsPerSecond,10:N0} records/s, {m.MegabytesPerSecond,6:F1} MiB/s ({m.Elapsed.TotalSeconds:F2} s, broker CPU {m.BrokerCpu.TotalSeconds:F2} s, client CPU {Seconds(m.ClientCpu)})"));
        return m;
    }

    private static string Seconds(TimeSpan? time) => time is { } t ? t.TotalSeconds.ToString("F2", CultureInfo.InvariantCulture) : "n/a";

    private static string Markdown(BenchOptions options, string loadBefore, List<Measurement> results, BrokerMemory memory, BrokerMemory? withKcat, bool pass)
    {
        var text = new StringBuilder();
        var culture = CultureInfo.InvariantCulture;
        text.AppendLine(culture, $"#### Run of {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC");
        text.AppendLine();
        text.AppendLine(culture, $"{Environment.ProcessorCount} cores (1-minute load average before the run {loadBefore}), {RuntimeInformation.OSDescription}, .NET {Environment.Version}; {options.Brokers} brokers, {Storage(options)} storage, {options.Partitions} partitions, {options.Records:N0} records of {options.ValueBytes}-byte values, loopback, Release build. Targets: >= 300,000 records/s each way (Confluent.Kafka), RSS <= 1.5 x stored + 100 MB.");
        text.AppendLine();
        text.AppendLine("| client | operation | records/s | MiB/s (values) | seconds | broker CPU s | client CPU s |");
        text.AppendLine("|---|---|---:|---:|---:|---:|---:|");
        foreach (var m in results)
        {
            text.AppendLine(culture, $"| {m.Client} | {m.Operation} | {m.RecordsPerSecond:N0} | {m.MegabytesPerSecond:F1} | {m.Elapsed.TotalSeconds:F2} | {m.BrokerCpu.TotalSeconds:F2} | {Seconds(m.ClientCpu)} |");
        }

        text.AppendLine();
        text.AppendLine("| broker memory | RSS | peak RSS | stored bytes | managed heap | budget (1.5 x stored + 100 MB) |");
        text.AppendLine("|---|---:|---:|---:|---:|---:|");
        text.AppendLine(culture, $"| after the Confluent.Kafka runs | {Mb(memory.Rss)} | {Mb(memory.PeakRss)} | {Mb(memory.StoredBytes)} | {Mb(memory.ManagedHeap)} | {Mb(memory.Budget)} |");
        if (withKcat is not null)
        {
            text.AppendLine(culture, $"| after the kcat runs as well | {Mb(withKcat.Rss)} | {Mb(withKcat.PeakRss)} | {Mb(withKcat.StoredBytes)} | {Mb(withKcat.ManagedHeap)} | {Mb(withKcat.Budget)} |");
        }

        text.AppendLine();
        text.AppendLine(culture, $"Verdict: {(pass ? "all targets met" : "a target was missed")}.");
        text.AppendLine();
        return text.ToString();
    }

    /// <summary>The 1-minute load average: other work on the machine competes with the client and the broker for cores.</summary>

    private static string Storage(BenchOptions options) => options.Storage == Harness.Broker.Storage.StorageKind.Disk ? "disk" : "memory";

    private static string Mb(long bytes) => string.Create(CultureInfo.InvariantCulture, $"{bytes / (1024.0 * 1024.0):F0} MiB");
}
