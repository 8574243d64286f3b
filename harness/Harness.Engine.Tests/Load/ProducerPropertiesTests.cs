using Harness.Engine.Load;
using Harness.Engine.Load.Model;
using Harness.Engine.Scenarios;

namespace Harness.Engine.Tests.Load;

public sealed class ProducerPropertiesTests
{
    [Test]
    public void Defaults_are_acks_all_idempotent_linger_5_no_compression()
    {
        var properties = ProducerProperties.For(Topic(ProducerSettings.Default, CompressionCodec.None), 3, "host:9092");

        properties.Should().Contain(new Dictionary<string, string>
        {
            ["bootstrap.servers"] = "host:9092",
            ["client.id"] = "harness-load-orders-3",
            ["acks"] = "all",
            ["enable.idempotence"] = "true",
            ["linger.ms"] = "5",
            ["compression.codec"] = "none",
        });
        properties.Should().NotContainKey("batch.size", "librdkafka keeps its own default");
    }

    [TestCase(AcksMode.All, true, "all", "true")]
    [TestCase(AcksMode.All, false, "all", "false")]
    [TestCase(AcksMode.Leader, false, "1", "false")]
    [TestCase(AcksMode.None, false, "0", "false")]
    public void Acks_and_idempotence_are_passed_on(AcksMode acks, bool idempotence, string expectedAcks, string expectedIdempotence)
    {
        var properties = ProducerProperties.For(Topic(new ProducerSettings { Acks = acks, Idempotence = idempotence }, CompressionCodec.None), 0, "h:1");

        (properties["acks"], properties["enable.idempotence"]).Should().Be((expectedAcks, expectedIdempotence));
    }

    [TestCase(CompressionCodec.Gzip, "gzip")]
    [TestCase(CompressionCodec.Snappy, "snappy")]
    [TestCase(CompressionCodec.Lz4, "lz4")]
    [TestCase(CompressionCodec.Zstd, "zstd")]
    public void The_codec_is_passed_on(CompressionCodec codec, string expected) =>
        ProducerProperties.For(Topic(ProducerSettings.Default, codec), 0, "h:1")["compression.codec"].Should().Be(expected);

    [Test]
    public void Linger_and_batch_size_are_passed_on()
    {
        var properties = ProducerProperties.For(Topic(new ProducerSettings { LingerMs = 40, BatchSize = 65_536 }, CompressionCodec.None), 0, "h:1");

        (properties["linger.ms"], properties["batch.size"]).Should().Be(("40", "65536"));
    }

    [Test]
    public void A_transactional_producer_gets_an_id_of_its_own_per_run_and_producer()
    {
        var topic = Topic(new ProducerSettings { Transactional = true }, CompressionCodec.None);

        var first = ProducerProperties.For(topic, 0, "h:1", 0xabc);
        var second = ProducerProperties.For(topic, 1, "h:1", 0xabc);
        var rerun = ProducerProperties.For(topic, 0, "h:1", 0xdef);

        first["transactional.id"].Should().Be("harness-abc-orders-0");
        new[] { first, second, rerun }.Select(p => p["transactional.id"]).Should().OnlyHaveUniqueItems();
        first.Should().Contain("enable.idempotence", "true").And.Contain("transaction.timeout.ms", "120000");
        ProducerProperties.For(Topic(ProducerSettings.Default, CompressionCodec.None), 0, "h:1", 0xabc).Should().NotContainKey("transactional.id");
    }

    private static TopicSpec Topic(ProducerSettings settings, CompressionCodec codec) => new()
    {
        Name = "orders",
        Partitions = 3,
        Rate = new OpenLoadModel(new ConstantRate(10)),
        Records = 10,
        Producer = settings,
        Compression = codec,
    };
}
