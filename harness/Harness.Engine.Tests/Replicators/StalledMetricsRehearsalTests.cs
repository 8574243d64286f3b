using System.Net;
using System.Net.Sockets;
using System.Text;
using Harness.Engine.Orchestration;
using Harness.Engine.Replicators.Mm2;
using Harness.Engine.Runs;
using Harness.Testing;

namespace Harness.Engine.Tests.Replicators;

/// <summary>
/// A whole run whose replicator keeps copying while its metrics stop for eight seconds, as a JVM's exporter does when
/// its heap is nearly full without running out: no crash, but a gap the default health check fails the run on.
/// </summary>
[Category("Integration")]
[NonParallelizable]
public sealed class StalledMetricsRehearsalTests
{
    private static readonly string ReplicatorAssembly = Path.Combine(AppContext.BaseDirectory, "harness-replicator.dll");

    [Test]
    public async Task Metrics_that_stall_while_the_replicator_runs_fail_the_metric_gaps_check_without_a_crash()
    {
        using var exporter = new StallingExporter(answerFor: TimeSpan.FromSeconds(6), stallFor: TimeSpan.FromSeconds(8));
        using var home = KafkaDistributionStandIn.Build(ReplicatorAssembly);
        var registry = HarnessRegistry.Default.With(new Mm2ReplicatorDriver(name => name == "KAFKA_HOME" ? home.FullName : null));
        var scenario = ScenarioLoader.Parse($$"""
            name: stalled metrics
            seed: 7
            clusters:
              source: {brokers: 1}
              target: {brokers: 1}
            topics:
              - {name: payments, partitions: 2, rate: 1000, records: 25000, size: 200}
            replicator:
              kind: mm2
              kafkaHome: {{home.FullName}}
              policy: identity
              metrics: {prometheus: "{{exporter.Url}}"}
            expect:
              drainWithin: 60s
            """, "stalled-metrics.yaml", registry);
        using var directory = TempFolder.Create("harness-stalled-metrics-");
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(4));

        var outcome = await new RunOrchestrator(registry: registry).RunAsync(scenario, new RunOptions { OutputRoot = Path.Combine(directory.FullName, "runs") }, timeout.Token);

        var result = outcome.Result;
        var failed = result.Checks.Where(c => !c.Passed).ToList();
        failed.Select(c => c.Name).Should().Equal(["replicator metric gaps"], string.Join("; ", failed.Select(c => $"{c.Name}: {c.Measured}")));
        failed[0].Measured.Should().MatchRegex(@"^1 gap \(from \d+\.\ds, \d+\.\ds long\)$");
        result.Checks.Single(c => c.Name == "replicator crashes").Measured.Should().Be("no unplanned exits");
        result.ReplicatorHealth!.MetricGaps.Should().Be(1);
        result.ReplicatorHealth.LongestGapSeconds.Should().BeInRange(5, 12);
        result.Parity.Sum(p => p.Replicated).Should().Be(25_000, "the replicator copied on while its metrics stalled");
        TestContext.Out.WriteLine($"stalled metrics: {failed[0].Measured}");
    }

    /// <summary>A Prometheus page that answers, then for a while accepts requests and never answers, then answers again.</summary>
    private sealed class StallingExporter : IDisposable
    {
        private readonly HttpListener _listener = new();
        private readonly CancellationTokenSource _stop = new();
        private readonly TimeSpan _answerFor;
        private readonly TimeSpan _stallFor;
        private DateTime? _first;

        public StallingExporter(TimeSpan answerFor, TimeSpan stallFor)
        {
            _answerFor = answerFor;
            _stallFor = stallFor;
            using var probe = new TcpListener(IPAddress.Loopback, 0);
            probe.Start();
            var port = ((IPEndPoint)probe.LocalEndpoint).Port;
            probe.Stop();
            Url = $"http://127.0.0.1:{port}/metrics";
            _listener.Prefixes.Add($"http://127.0.0.1:{port}/");
            _listener.Start();
            _ = Task.Run(ServeAsync);
        }

        public string Url { get; }

        private async Task ServeAsync()
        {
            while (!_stop.IsCancellationRequested)
            {
                HttpListenerContext context;
                try
                {
                    context = await _listener.GetContextAsync();
                }
                catch (Exception e) when (e is HttpListenerException or ObjectDisposedException)
                {
                    return;
                }

                // The clock starts at the first scrape, so the stall falls inside the load however long start-up took.
                var since = DateTime.UtcNow - (_first ??= DateTime.UtcNow);
                if (since >= _answerFor && since < _answerFor + _stallFor)
                {
                    // A stalled exporter holds the request: the scrape times out rather than failing fast.
                    _ = Task.Delay(TimeSpan.FromSeconds(3)).ContinueWith(_ => context.Response.Abort(), TaskScheduler.Default);
                    continue;
                }

                var page = Encoding.UTF8.GetBytes("process_resident_memory_bytes 104857600\njvm_memory_bytes_used{area=\"heap\"} 52428800\n");
                context.Response.ContentType = "text/plain; version=0.0.4";
                await context.Response.OutputStream.WriteAsync(page);
                context.Response.Close();
            }
        }

        public void Dispose()
        {
            _stop.Cancel();
            _listener.Close();
            _stop.Dispose();
        }
    }
}
