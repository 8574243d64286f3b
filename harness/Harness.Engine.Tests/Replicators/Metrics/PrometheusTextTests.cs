using Harness.Engine.Replicators.Metrics;

namespace Harness.Engine.Tests.Replicators.Metrics;

/// <summary>The text exposition format as exporters serve it, and the MirrorMaker 2 figures picked out of it.</summary>
public sealed class PrometheusTextTests
{
    // Shaped like the built-in replicator's page and a JMX exporter's (Strimzi's rule names, JVM and process collectors).
    private const string Page = """
        # HELP kafka_connect_mirror_record_count Records replicated to the target (MM2 record-count).
        # TYPE kafka_connect_mirror_record_count counter
        kafka_connect_mirror_record_count{source="a",target="b",topic="orders",partition="0"} 1200
        kafka_connect_mirror_record_count{source="a",target="b",topic="orders",partition="1"} 800 1733450000000
        # TYPE kafka_connect_mirror_replication_latency_ms_max gauge
        kafka_connect_mirror_replication_latency_ms_max{source="a",target="b",topic="orders",partition="0"} 42.5
        kafka_connect_mirror_replication_latency_ms_max{source="a",target="b",topic="orders",partition="1"} 97
        kafka_connect_mirror_replication_latency_ms_avg{source="a",target="b",topic="orders",partition="1"} 500
        kafka_connect_mirror_source_connector_replication_latency_ms_max{target="b",topic="pay\"ments\\",partition="0"} 130
        kafka_connect_mirror_checkpoint_connector_checkpoint_latency_ms_max{source="a",target="b",group="ledger"} 12
        kafka_connect_mirror_checkpoint_connector_checkpoint_latency_ms_max{source="a",target="b",group="idle"} NaN
        jvm_memory_bytes_used{area="heap",} 268435456
        jvm_memory_bytes_used{area="nonheap",} 1048576
        process_resident_memory_bytes 5.24288E8

        this line is not a sample
        kafka_connect_mirror_record_count{topic="orders" 5
        kafka_connect_mirror_record_count{topic="orders"} twelve
        kafka_connect_mirror_record_count{topic="orders"}
        """;

    [Test]
    public void Samples_keep_their_labels_and_values_and_the_rest_is_skipped()
    {
        var samples = PrometheusText.Parse(Page);

        samples.Should().HaveCount(11, "comments, a blank line and four malformed lines are not samples");
        samples[0].Should().BeEquivalentTo(new PrometheusSample("kafka_connect_mirror_record_count",
            new Dictionary<string, string> { ["source"] = "a", ["target"] = "b", ["topic"] = "orders", ["partition"] = "0" }, 1200));
        samples[1].Value.Should().Be(800, "a timestamp after the value is not the value");
        samples[5].Labels["topic"].Should().Be("pay\"ments\\", "escaped quotes and backslashes are unescaped");
        double.IsNaN(samples[7].Value).Should().BeTrue();
        samples[8].Labels.Should().Equal(new Dictionary<string, string> { ["area"] = "heap" }, "a trailing comma ends the labels");
        samples[^1].Should().BeEquivalentTo(new PrometheusSample("process_resident_memory_bytes", new Dictionary<string, string>(), 524_288_000));
    }

    [Test]
    public void The_figures_are_read_whatever_the_exporter_puts_between_prefix_and_attribute()
    {
        var figures = MirrorMakerSeries.Figures(PrometheusText.Parse(Page));

        figures.Should().Be(new ReplicatorFigures
        {
            RecordCount = 2000,
            ReplicationLatencyMaxMs = 130,
            CheckpointLatencyMaxMs = 12,
            HeapMiB = 256,
            RssMiB = 500,
        });
    }

    [Test]
    public void The_built_in_replicators_memory_series_are_read_under_their_own_names()
    {
        var figures = MirrorMakerSeries.Figures(PrometheusText.Parse("""
            kafka_connect_mirror_process_resident_memory_bytes{source="a",target="b"} 104857600
            kafka_connect_mirror_gc_heap_bytes{source="a",target="b"} 52428800
            """));

        figures.Should().Be(new ReplicatorFigures { RssMiB = 100, HeapMiB = 50 });
    }

    [Test]
    public void A_family_merely_ending_like_an_attribute_is_not_it()
    {
        var figures = MirrorMakerSeries.Figures(PrometheusText.Parse("kafka_connect_mirror_subrecord_count 7\nother_record_count 9\n"));

        figures.RecordCount.Should().BeNull();
    }
}
