using System.Globalization;
using Harness.Broker.Cluster;
using Harness.Broker.Storage;

namespace Harness.Bench.Support;

/// <summary>
/// The broker child process: an embedded cluster driven over stdin, so the memory and CPU of the clients being
/// measured are counted apart from the brokers'. Commands: <c>create T N</c>, <c>delete T</c>, <c>count T N</c> (sum of high
/// watermarks), <c>marks T N</c> (each high watermark), <c>cpu</c>, <c>stats</c>, <c>quit</c>.
/// </summary>
public static class BrokerServer
{
    public static async Task<int> RunAsync(int brokers, StorageKind storage = StorageKind.Memory)
    {
        await using var cluster = EmbeddedCluster.Start(new EmbeddedClusterOptions { Name = "bench", Brokers = brokers, Storage = storage });
        Console.WriteLine(cluster.BootstrapServers);
        while (await Console.In.ReadLineAsync() is { } line)
        {
            var words = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            switch (words.FirstOrDefault())
            {
                case "create":
                    cluster.CreateTopic(words[1], Number(words[2]));
                    Console.WriteLine("ok");
                    break;
                case "delete":
                    // Collected at once, so a measured run neither carries the earlier runs' gigabytes nor pays
                    // for collecting them.
                    cluster.DeleteTopic(words[1]);
                    GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
                    Console.WriteLine("ok");
                    break;
                case "count":
                    Console.WriteLine(Enumerable.Range(0, Number(words[2])).Sum(p => cluster.HighWatermark(words[1], p)).ToString(CultureInfo.InvariantCulture));
                    break;
                case "marks":
                    Console.WriteLine(string.Join(',', Enumerable.Range(0, Number(words[2])).Select(p => cluster.HighWatermark(words[1], p).ToString(CultureInfo.InvariantCulture))));
                    break;
                case "cpu":
                    Console.WriteLine(((long)Environment.CpuUsage.TotalTime.TotalMilliseconds).ToString(CultureInfo.InvariantCulture));
                    break;
                case "stats":
                    var (rss, peak) = ProcessMemory.Read();
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{rss} {peak} {cluster.StoredBytes} {GC.GetTotalMemory(false)} {(long)Environment.CpuUsage.TotalTime.TotalMilliseconds}"));
                    break;
                case "quit":
                    return 0;
                default:
                    Console.WriteLine($"error unknown command '{line}'");
                    break;
            }
        }

        return 0;
    }

    private static int Number(string text) => int.Parse(text, CultureInfo.InvariantCulture);
}
