using Harness.Mm2.Records;

namespace Harness.Mm2.Tests.Records;

public sealed class OffsetSyncTests
{
    // Key: topic STRING (INT16 length + UTF-8), partition INT32. Value: upstreamOffset INT64, offset INT64.
    private const string ShortKey = "00 01 74  00 00 00 03";
    private const string ShortValue = "00 00 00 00 00 00 00 05  00 00 00 00 00 00 00 07";

    [Test]
    public void Key_is_topic_then_partition()
    {
        new OffsetSync("t", 3, 5, 7).SerializeKey().Should().Equal(Hex.Bytes(ShortKey));
        new OffsetSync("orders", 2, 1000, 42).SerializeKey()
            .Should().Equal(Hex.Bytes("00 06 6F 72 64 65 72 73  00 00 00 02"));
    }

    [Test]
    public void Value_is_upstream_then_downstream_without_a_version()
    {
        new OffsetSync("t", 3, 5, 7).SerializeValue().Should().Equal(Hex.Bytes(ShortValue));
        new OffsetSync("orders", 2, 1000, 42).SerializeValue()
            .Should().Equal(Hex.Bytes("00 00 00 00 00 00 03 E8  00 00 00 00 00 00 00 2A"));
    }

    [Test]
    public void Integers_are_big_endian_and_signed()
    {
        var sync = new OffsetSync("t", -1, 0x0102030405060708, -2);

        sync.SerializeKey().Should().Equal(Hex.Bytes("00 01 74  FF FF FF FF"));
        sync.SerializeValue().Should().Equal(Hex.Bytes("01 02 03 04 05 06 07 08  FF FF FF FF FF FF FF FE"));
    }

    [Test]
    public void Decodes_the_hand_written_vector()
    {
        var sync = OffsetSync.Deserialize(Hex.Bytes(ShortKey), Hex.Bytes(ShortValue));

        sync.Should().Be(new OffsetSync("t", 3, 5, 7));
        sync.TopicPartition.Should().Be(new TopicPartition("t", 3));
    }

    [Test]
    public void Round_trips_unicode_and_extreme_values()
    {
        var original = new OffsetSync("src.日本-é", int.MaxValue, long.MaxValue, long.MinValue);

        OffsetSync.Deserialize(original.SerializeKey(), original.SerializeValue()).Should().Be(original);
    }

    [Test]
    public void Topic_is_encoded_as_utf8_bytes_with_a_byte_count()
    {
        // "é" is two bytes of UTF-8 (C3 A9), so the length prefix is 2 although the string has one char.
        new OffsetSync("é", 0, 0, 0).SerializeKey().Should().Equal(Hex.Bytes("00 02 C3 A9  00 00 00 00"));
    }

    [Test]
    public void Trailing_bytes_are_ignored_as_Kafka_ignores_them()
    {
        var key = Hex.Bytes(ShortKey + " AA BB");
        var value = Hex.Bytes(ShortValue + " CC");

        OffsetSync.Deserialize(key, value).Should().Be(new OffsetSync("t", 3, 5, 7));
    }

    [TestCase("", "topic")]
    [TestCase("00", "topic")]
    [TestCase("00 05 74", "topic")]
    [TestCase("00 01 74 00 00", "partition")]
    public void Truncated_key_names_the_field(string key, string field)
    {
        var act = () => OffsetSync.Deserialize(Hex.Bytes(key), Hex.Bytes(ShortValue));

        act.Should().Throw<Mm2FormatException>().WithMessage($"OffsetSync key: field '{field}'*");
    }

    [TestCase("", "upstreamOffset")]
    [TestCase("00 00 00 00 00 00 00", "upstreamOffset")]
    [TestCase("00 00 00 00 00 00 00 05  00 00 00 00 00 00 00", "offset")]
    public void Truncated_value_names_the_field(string value, string field)
    {
        var act = () => OffsetSync.Deserialize(Hex.Bytes(ShortKey), Hex.Bytes(value));

        act.Should().Throw<Mm2FormatException>().WithMessage($"OffsetSync value: field '{field}'*");
    }

    [Test]
    public void Declared_string_length_beyond_the_buffer_is_reported()
    {
        var act = () => OffsetSync.Deserialize(Hex.Bytes("00 05 74"), Hex.Bytes(ShortValue));

        act.Should().Throw<Mm2FormatException>().WithMessage("*declares a string of 5 bytes, but only 1 bytes remain*");
    }

    [Test]
    public void Negative_string_length_is_rejected_because_the_field_is_not_nullable()
    {
        var act = () => OffsetSync.Deserialize(Hex.Bytes("FF FF 00 00 00 00"), Hex.Bytes(ShortValue));

        act.Should().Throw<Mm2FormatException>().WithMessage("*string length -1*non-nullable*");
    }

    [TestCase("00 01 FF")]
    [TestCase("00 02 C0 80")]
    [TestCase("00 03 ED A0 80")]
    [TestCase("00 01 C3")]
    public void Invalid_utf8_is_rejected(string topicBytes)
    {
        var act = () => OffsetSync.Deserialize(Hex.Bytes(topicBytes + " 00 00 00 00"), Hex.Bytes(ShortValue));

        act.Should().Throw<Mm2FormatException>().WithMessage("*'topic'*not valid UTF-8*");
    }

    [Test]
    public void Rejects_a_null_topic()
    {
        var act = () => new OffsetSync(null!, 0, 0, 0);

        act.Should().Throw<ArgumentNullException>();
    }
}
