using System.Globalization;
using Harness.Broker.Cluster;

namespace Harness.Replicator.Bench;

/// <summary>The child process: a source and a target cluster driven over stdin, so their memory is not the replicator's.</summary>
internal static class ClusterServer
{
    public static async Task<int> RunAsync(BenchOptions options)
    {
        await using var source = EmbeddedCluster.Start(new EmbeddedClusterOptions { Name = "source", Brokers = options.Brokers });
        await using var target = EmbeddedCluster.Start(new EmbeddedClusterOptions { Name = "target", Brokers = options.Brokers });
        Console.WriteLine(source.BootstrapServers);
        Console.WriteLine(target.BootstrapServers);
        while (await Console.In.ReadLineAsync() is { } line)
        {
            var words = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var cluster = words.Length > 1 && words[1] == "target" ? target : source;
            try
            {
                switch (words.FirstOrDefault())
                {
                    case "create":
                        cluster.CreateTopic(words[2], int.Parse(words[3], CultureInfo.InvariantCulture));
                        Console.WriteLine("ok");
                        break;
                    case "count":
                        var topic = words[2];
                        Console.WriteLine(cluster.TopicNames.Contains(topic)
                            ? Enumerable.Range(0, int.Parse(words[3], CultureInfo.InvariantCulture)).Sum(p => cluster.HighWatermark(topic, p)).ToString(CultureInfo.InvariantCulture)
                            : "0");
                        break;
                    case "quit":
                        return 0;
                    default:
                        Console.WriteLine($"error unknown command '{line}'");
                        break;
                }
            }
            catch (Exception e) when (e is ArgumentException or InvalidOperationException)
            {
                Console.WriteLine($"error {e.Message}");
            }
        }

        return 0;
    }
}
