using System.Globalization;
using Harness.Broker.Cluster;

namespace Harness.Verifier.Bench;

/// <summary>The child process: an embedded cluster driven over stdin, so the readers' memory and CPU are counted apart from the brokers'.</summary>
internal static class BrokerServer
{
    public static async Task<int> RunAsync(BenchOptions options)
    {
        await using var cluster = EmbeddedCluster.Start(new EmbeddedClusterOptions { Name = "bench", Brokers = options.Brokers });
        Console.WriteLine(cluster.BootstrapServers);
        while (await Console.In.ReadLineAsync() is { } line)
        {
            var words = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            switch (words.FirstOrDefault())
            {
                case "create":
                    cluster.CreateTopic(words[1], int.Parse(words[2], CultureInfo.InvariantCulture));
                    Console.WriteLine("ok");
                    break;
                case "marks":
                    var partitions = int.Parse(words[2], CultureInfo.InvariantCulture);
                    Console.WriteLine(string.Join(',', Enumerable.Range(0, partitions).Select(p => cluster.HighWatermark(words[1], p).ToString(CultureInfo.InvariantCulture))));
                    break;
                case "cpu":
                    Console.WriteLine(((long)Environment.CpuUsage.TotalTime.TotalMilliseconds).ToString(CultureInfo.InvariantCulture));
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
}
