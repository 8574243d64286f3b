using System.Text.Json;
using Harness.Replicator.Metrics;
using Harness.Replicator.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace Harness.Replicator.Tests.Metrics;

public sealed class MetricsTests
{
    private static readonly DateTimeOffset Start = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Test]
    public void A_sample_has_mm2_rates_and_latency_windows_per_partition()
    {
        var time = new FakeTimeProvider(Start);
        var metrics = new ReplicatorMetrics(time);
        var sampler = new MetricsSampler(metrics, () => new Dictionary<(string, int), long> { [("orders", 0)] = 42 });
        var orders = metrics.Partition("orders", 0);
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        orders.Polled(now, now - 30);
        orders.Replicated(100, now, now - 40);
        orders.Replicated(300, now, now - 20);
        time.Advance(TimeSpan.FromSeconds(2));

        var first = sampler.Sample();

        var p = first.Partitions.Single();
        (p.RecordCount, p.ByteCount, p.RecordRate, p.ByteRate, p.Lag).Should().Be((2L, 400L, 1.0, 200.0, (long?)42));
        p.ReplicationLatency.Should().Be(new LatencyWindow(2, 30, 20, 40, 20));
        p.RecordAge.Should().Be(new LatencyWindow(1, 30, 30, 30, 30));
        first.Lag.Should().Be(42);

        time.Advance(TimeSpan.FromSeconds(1));
        var second = sampler.Sample().Partitions.Single();
        (second.RecordCount, second.RecordRate).Should().Be((2L, 0.0));
        second.ReplicationLatency.Should().Be(new LatencyWindow(0, 0, 0, 0, 20), "an empty window keeps only the last value");
    }

    [Test]
    public void Prometheus_text_uses_mm2_names_with_flow_and_partition_labels()
    {
        var time = new FakeTimeProvider(Start);
        var metrics = new ReplicatorMetrics(time);
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        metrics.Partition("a\"b", 3).Replicated(10, now, now - 5);
        metrics.CheckpointWritten("billing", "src.a\"b", 3, 12);
        time.Advance(TimeSpan.FromSeconds(1));

        var text = PrometheusFormatter.Format(new MetricsSampler(metrics).Sample(), "src", "dst");

        text.Should().Contain("# TYPE kafka_connect_mirror_record_count counter\n");
        text.Should().Contain("kafka_connect_mirror_record_count{source=\"src\",target=\"dst\",topic=\"a\\\"b\",partition=\"3\"} 1\n");
        text.Should().Contain("kafka_connect_mirror_byte_count{source=\"src\",target=\"dst\",topic=\"a\\\"b\",partition=\"3\"} 10\n");
        text.Should().Contain("kafka_connect_mirror_replication_latency_ms_max{source=\"src\",target=\"dst\",topic=\"a\\\"b\",partition=\"3\"} 5\n");
        text.Should().Contain("kafka_connect_mirror_checkpoint_latency_ms{source=\"src\",target=\"dst\",group=\"billing\",topic=\"src.a\\\"b\",partition=\"3\"} 12\n");
        foreach (var name in new[] { "record_rate", "byte_rate", "record_age_ms", "replication_latency_ms_avg", "checkpoint_latency_ms_avg", "process_resident_memory_bytes", "gc_heap_bytes" })
        {
            text.Should().Contain($"# TYPE kafka_connect_mirror_{name} ");
        }

        text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(l => !l.StartsWith('#'))
            .Should().OnlyContain(l => System.Text.RegularExpressions.Regex.IsMatch(l, @"^[a-z_]+(\{.*\})? -?[0-9.e+]+$"), "every sample line is name{labels} value");
    }

    [Test]
    public void The_grafana_dashboard_only_queries_metrics_the_endpoint_serves()
    {
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "Harness.sln")))
        {
            root = root.Parent;
        }

        var dashboard = Path.Combine(root!.FullName, "docs", "grafana", "replicator.json");
        using var json = JsonDocument.Parse(File.ReadAllText(dashboard));
        var queried = System.Text.RegularExpressions.Regex.Matches(File.ReadAllText(dashboard), "kafka_connect_mirror_[a-z_]+").Select(m => m.Value).ToHashSet();
        var time = new FakeTimeProvider(Start);
        var metrics = new ReplicatorMetrics(time);
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        metrics.Partition("t", 0).Replicated(1, now, now);
        metrics.CheckpointWritten("g", "s.t", 0, 1);
        var served = PrometheusFormatter.Format(new MetricsSampler(metrics, () => new Dictionary<(string, int), long> { [("t", 0)] = 0 }).Sample(), "s", "d")
            .Split('\n').Where(l => l.StartsWith("# TYPE ", StringComparison.Ordinal)).Select(l => l.Split(' ')[2]).ToHashSet();

        queried.Should().NotBeEmpty().And.BeSubsetOf(served);
        json.RootElement.GetProperty("panels").GetArrayLength().Should().BeGreaterThan(10);
    }

    [Test]
    public void The_metrics_file_gets_one_json_line_per_sample()
    {
        var path = Path.Combine(TempDirectory.Create(), "metrics.jsonl");
        var time = new FakeTimeProvider(Start);
        var metrics = new ReplicatorMetrics(time);
        var sampler = new MetricsSampler(metrics);
        var writer = new MetricsFileWriter(path);
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        metrics.Partition("t", 1).Replicated(7, now, now - 3);
        metrics.CheckpointWritten("g", "source.t", 1, 4);
        time.Advance(TimeSpan.FromSeconds(1));

        writer.Write(sampler.Sample());
        writer.Write(sampler.Sample());

        var lines = File.ReadAllLines(path);
        lines.Should().HaveCount(2);
        using var json = JsonDocument.Parse(lines[0]);
        var partition = json.RootElement.GetProperty("partitions")[0];
        partition.GetProperty("topic").GetString().Should().Be("t");
        partition.GetProperty("replication-latency-ms-max").GetInt64().Should().Be(3);
        partition.GetProperty("replication-latency-ms-avg").GetDouble().Should().Be(3);
        json.RootElement.GetProperty("checkpoints")[0].GetProperty("checkpoint-latency-ms-max").GetInt64().Should().Be(4);
        json.RootElement.GetProperty("time").GetDateTimeOffset().Should().Be(Start.AddSeconds(1));
    }
}
