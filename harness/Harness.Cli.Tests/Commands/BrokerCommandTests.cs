using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text.Json;
using Confluent.Kafka;

namespace Harness.Cli.Tests.Commands;

[Category("Integration")]
public sealed partial class BrokerCommandTests
{
    [Test]
    public async Task Broker_serves_clusters_prints_their_bootstrap_servers_and_takes_faults_from_another_process()
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { Path.Combine(HarnessProcess.BinDirectory, "harness.dll"), "broker", "--brokers", "3", "--clusters", "2" })
        {
            info.ArgumentList.Add(argument);
        }

        using var broker = Process.Start(info)!;
        try
        {
            var first = await broker.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(30));
            var second = await broker.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(30));
            var control = await broker.StandardError.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(30));
            first.Should().MatchRegex(@"^cluster1=127\.0\.0\.1:\d+,127\.0\.0\.1:\d+,127\.0\.0\.1:\d+$");
            second.Should().StartWith("cluster2=");
            var bootstrap = first![(first.IndexOf('=') + 1)..];
            var url = control!.Split(' ').Single(w => w.StartsWith("http://", StringComparison.Ordinal));

            using (var admin = new AdminClientBuilder(new AdminClientConfig { BootstrapServers = bootstrap }).Build())
            {
                await admin.CreateTopicsAsync([new Confluent.Kafka.Admin.TopicSpecification { Name = "t", NumPartitions = 3, ReplicationFactor = 3 }]);
            }

            using (var producer = new ProducerBuilder<Null, string>(new ProducerConfig { BootstrapServers = bootstrap, EnableIdempotence = true }).Build())
            {
                var result = await producer.ProduceAsync("t", new Message<Null, string> { Value = "hello" });
                result.Status.Should().Be(PersistenceStatus.Persisted);
            }

            using var http = new HttpClient { BaseAddress = new Uri(url) };
            var killed = await http.PostAsync("clusters/cluster1/brokers/2/kill", null);
            killed.IsSuccessStatusCode.Should().BeTrue(await killed.Content.ReadAsStringAsync());
            var state = JsonDocument.Parse(await http.GetStringAsync("clusters")).RootElement;
            state.EnumerateArray().First().GetProperty("brokers").EnumerateArray()
                .Select(b => b.GetProperty("status").GetString()).Should().Equal("up", "down", "up");
            var compacted = await http.PostAsync("clusters/cluster1/compact?topic=t", null);
            compacted.IsSuccessStatusCode.Should().BeTrue(await compacted.Content.ReadAsStringAsync());
            JsonDocument.Parse(await compacted.Content.ReadAsStringAsync()).RootElement.GetProperty("recordsRemoved").GetInt64()
                .Should().Be(0, "a single keyless record is never superseded");
            var unknownTopic = await http.PostAsync("clusters/cluster1/compact?topic=missing", null);
            ((int)unknownTopic.StatusCode).Should().Be(400);
            (await unknownTopic.Content.ReadAsStringAsync()).Should().Contain("topic 'missing' does not exist");
            var bad = await http.PostAsync("clusters/nope/brokers/1/kill", null);
            ((int)bad.StatusCode).Should().Be(404);
            (await bad.Content.ReadAsStringAsync()).Should().Contain("no cluster 'nope'");

            SendSignal(broker.Id, 2).Should().Be(0);
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            await broker.WaitForExitAsync(timeout.Token);
            broker.ExitCode.Should().Be(0);
        }
        finally
        {
            if (!broker.HasExited)
            {
                broker.Kill(entireProcessTree: true);
            }
        }
    }

    [LibraryImport("libc", EntryPoint = "kill")]
    private static partial int SendSignal(int pid, int signal);
}
