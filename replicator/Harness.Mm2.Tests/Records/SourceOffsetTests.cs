using System.Text;
using Harness.Mm2.Records;

namespace Harness.Mm2.Tests.Records;

public sealed class SourceOffsetTests
{
    // What Connect writes for MirrorSourceTask: [namespace, wrapPartition(tp, alias)] and wrapOffset(offset),
    // compact JSON, the partition map's keys in a Java HashMap's order (cluster, partition, topic).
    private const string Key = """["MirrorSourceConnector",{"cluster":"primary","partition":3,"topic":"orders"}]""";
    private const string Value = """{"offset":41}""";

    [Test]
    public void Key_is_connect_namespace_then_the_wrapped_partition_byte_for_byte()
    {
        var record = new SourceOffset(SourceOffset.MirrorSourceConnector, "primary", "orders", 3, 41);

        record.SerializeKey().Should().Equal(Encoding.UTF8.GetBytes(Key));
        Hex.Of(new SourceOffset("c", "a", "t", 0, 0).SerializeKey()).Should().Be(Hex.Of(Hex.Bytes(
            "5B 22 63 22 2C 7B 22 63 6C 75 73 74 65 72 22 3A 22 61 22 2C 22 70 61 72 74 69 74 69 6F 6E 22 3A 30 2C 22 74 6F 70 69 63 22 3A 22 74 22 7D 5D")));
    }

    [Test]
    public void Value_is_the_wrapped_offset_of_the_last_record_copied()
    {
        new SourceOffset(SourceOffset.MirrorSourceConnector, "primary", "orders", 3, 41).SerializeValue().Should().Equal(Encoding.UTF8.GetBytes(Value));
        new SourceOffset("c", "a", "t", 0, long.MaxValue).SerializeValue().Should().Equal(Encoding.UTF8.GetBytes("""{"offset":9223372036854775807}"""));
    }

    [Test]
    public void A_tombstone_has_no_value()
    {
        new SourceOffset("c", "a", "t", 0, null).SerializeValue().Should().BeNull();
        SourceOffset.Deserialize(Encoding.UTF8.GetBytes(Key), null).Offset.Should().BeNull();
        SourceOffset.Deserialize(Encoding.UTF8.GetBytes(Key), []).Offset.Should().BeNull();
    }

    [Test]
    public void Decodes_what_it_encodes()
    {
        var record = SourceOffset.Deserialize(Encoding.UTF8.GetBytes(Key), Encoding.UTF8.GetBytes(Value));

        record.Should().Be(new SourceOffset("MirrorSourceConnector", "primary", "orders", 3, 41));
    }

    [Test]
    public void Decodes_any_field_order_white_space_and_extra_fields()
    {
        var record = SourceOffset.Deserialize(
            Encoding.UTF8.GetBytes("""[ "MirrorSourceConnector", { "topic": "orders", "partition": 3, "cluster": "primary", "extra": true } ]"""),
            Encoding.UTF8.GetBytes("""{ "offset" : 41, "extra": 1 }"""));

        record.Should().Be(new SourceOffset("MirrorSourceConnector", "primary", "orders", 3, 41));
    }

    [Test]
    public void Escapes_only_what_json_requires_as_jackson_does()
    {
        Encoding.UTF8.GetString(new SourceOffset("c", "a\"b", "t+<é", 0, 0).SerializeKey())
            .Should().Be("""["c",{"cluster":"a\"b","partition":0,"topic":"t+<é"}]""");
    }

    [Test]
    public void The_dedicated_mode_topic_is_named_after_the_source()
    {
        SourceOffset.DedicatedModeTopic("primary").Should().Be("mm2-offsets.primary.internal");
    }

    [TestCase("not json")]
    [TestCase("""{"cluster":"a","partition":0,"topic":"t"}""")]
    [TestCase("""["c"]""")]
    [TestCase("""[1,{"cluster":"a","partition":0,"topic":"t"}]""")]
    [TestCase("""["c",{"partition":0,"topic":"t"}]""")]
    [TestCase("""["c",{"cluster":"a","partition":"0","topic":"t"}]""")]
    [TestCase("""["c",{"cluster":"a","partition":4294967296,"topic":"t"}]""")]
    [TestCase("""["c",{"cluster":"a","partition":0,"topic":"t"}] trailing""")]
    public void A_malformed_key_is_a_format_error(string key)
    {
        var decode = () => SourceOffset.Deserialize(Encoding.UTF8.GetBytes(key), Encoding.UTF8.GetBytes(Value));

        decode.Should().Throw<Mm2FormatException>().Which.Message.Should().StartWith("Connect source offset key");
    }

    [TestCase("41")]
    [TestCase("""{"offset":"41"}""")]
    [TestCase("""{"offset":4.5}""")]
    [TestCase("""{"position":41}""")]
    public void A_malformed_value_is_a_format_error(string value)
    {
        var decode = () => SourceOffset.Deserialize(Encoding.UTF8.GetBytes(Key), Encoding.UTF8.GetBytes(value));

        decode.Should().Throw<Mm2FormatException>().Which.Message.Should().StartWith("Connect source offset value");
    }
}
