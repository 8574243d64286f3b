using Harness.Mm2.Records;

namespace Harness.Mm2.Tests.Records;

public sealed class CheckpointTests
{
    // Key: group STRING, topic STRING, partition INT32.
    private const string Key = "00 02 67 31  00 01 74  00 00 00 03";

    // Value: version INT16 = 0, upstreamOffset INT64, offset INT64, metadata STRING.
    private const string Value = "00 00  00 00 00 00 00 00 00 0A  00 00 00 00 00 00 00 07  00 01 6D";

    private static readonly Checkpoint Sample = new("g1", "t", 3, 10, 7, "m");

    [Test]
    public void Key_is_group_topic_partition() => Sample.SerializeKey().Should().Equal(Hex.Bytes(Key));

    [Test]
    public void Value_starts_with_version_zero() => Sample.SerializeValue().Should().Equal(Hex.Bytes(Value));

    [Test]
    public void Empty_metadata_is_a_zero_length_string()
    {
        new Checkpoint("g", "t", 0, 1, 2, "").SerializeValue()
            .Should().Equal(Hex.Bytes("00 00  00 00 00 00 00 00 00 01  00 00 00 00 00 00 00 02  00 00"));
    }

    [Test]
    public void Unicode_names_are_counted_in_bytes()
    {
        // "é" = C3 A9; "src.日" = 73 72 63 2E E6 97 A5 (7 bytes).
        new Checkpoint("é", "src.日", int.MaxValue, 0, 0, "").SerializeKey()
            .Should().Equal(Hex.Bytes("00 02 C3 A9  00 07 73 72 63 2E E6 97 A5  7F FF FF FF"));
    }

    [Test]
    public void Decodes_the_hand_written_vector()
    {
        var checkpoint = Checkpoint.Deserialize(Hex.Bytes(Key), Hex.Bytes(Value));

        checkpoint.Should().Be(Sample);
        checkpoint.Group.Should().Be("g1");
        checkpoint.TopicPartition.Should().Be(new TopicPartition("t", 3));
        checkpoint.UpstreamOffset.Should().Be(10);
        checkpoint.DownstreamOffset.Should().Be(7);
        checkpoint.Metadata.Should().Be("m");
    }

    [Test]
    public void Round_trips()
    {
        var original = new Checkpoint("consumer-group.ü", "us-west.orders", 17, long.MaxValue, 0, "{\"lease\":42}");

        Checkpoint.Deserialize(original.SerializeKey(), original.SerializeValue()).Should().Be(original);
    }

    [Test]
    public void Trailing_bytes_are_ignored_as_Kafka_ignores_them()
    {
        Checkpoint.Deserialize(Hex.Bytes(Key + " 00"), Hex.Bytes(Value + " 01 02 03")).Should().Be(Sample);
    }

    [TestCase("00 01", 1)]
    [TestCase("FF FF", -1)]
    [TestCase("7F FF", 32767)]
    public void Other_versions_are_rejected(string version, int number)
    {
        byte[] value = [.. Hex.Bytes(version), .. Hex.Bytes(Value).AsSpan(2)];

        var act = () => Checkpoint.Deserialize(Hex.Bytes(Key), value);

        act.Should().Throw<Mm2FormatException>().WithMessage($"Checkpoint value: unsupported version {number}*");
    }

    [Test]
    public void Version_is_checked_before_the_rest_of_the_value()
    {
        var act = () => Checkpoint.Deserialize(Hex.Bytes(Key), Hex.Bytes("00 01 00"));

        act.Should().Throw<Mm2FormatException>().WithMessage("*unsupported version 1*");
    }

    [TestCase("", "group")]
    [TestCase("00 02 67", "group")]
    [TestCase("00 02 67 31", "topic")]
    [TestCase("00 02 67 31 00 01 74 00 00 00", "partition")]
    public void Truncated_key_names_the_field(string key, string field)
    {
        var act = () => Checkpoint.Deserialize(Hex.Bytes(key), Hex.Bytes(Value));

        act.Should().Throw<Mm2FormatException>().WithMessage($"Checkpoint key: field '{field}'*");
    }

    [TestCase("", "version")]
    [TestCase("00", "version")]
    [TestCase("00 00 00 00 00 00 00 00 00", "upstreamOffset")]
    [TestCase("00 00  00 00 00 00 00 00 00 0A  00 00 00", "offset")]
    [TestCase("00 00  00 00 00 00 00 00 00 0A  00 00 00 00 00 00 00 07", "metadata")]
    [TestCase("00 00  00 00 00 00 00 00 00 0A  00 00 00 00 00 00 00 07  00 02 6D", "metadata")]
    public void Truncated_value_names_the_field(string value, string field)
    {
        var act = () => Checkpoint.Deserialize(Hex.Bytes(Key), Hex.Bytes(value));

        act.Should().Throw<Mm2FormatException>().WithMessage($"Checkpoint value: field '{field}'*");
    }

    [Test]
    public void A_string_of_32767_bytes_fits_and_one_more_does_not()
    {
        var longest = new Checkpoint(new string('g', short.MaxValue), "t", 0, 0, 0, "");
        var key = longest.SerializeKey();
        key.AsSpan(0, 2).ToArray().Should().Equal(Hex.Bytes("7F FF"));
        Checkpoint.Deserialize(key, longest.SerializeValue()).Should().Be(longest);

        var act = () => new Checkpoint(new string('g', short.MaxValue + 1), "t", 0, 0, 0, "").SerializeKey();

        act.Should().Throw<Mm2FormatException>().WithMessage("*'group' is 32768 bytes*32767*");
    }

    [Test]
    public void The_limit_counts_utf8_bytes_not_chars()
    {
        var act = () => new Checkpoint("g", "t", 0, 0, 0, new string('é', 16384)).SerializeValue();

        act.Should().Throw<Mm2FormatException>().WithMessage("Checkpoint value: field 'metadata' is 32768 bytes*");
    }

    [Test]
    public void An_unpaired_surrogate_cannot_be_encoded()
    {
        var act = () => new Checkpoint("g\uD800", "t", 0, 0, 0, "").SerializeKey();

        act.Should().Throw<Mm2FormatException>().WithMessage("*'group'*unpaired surrogate*");
    }

    [Test]
    public void Rejects_null_strings()
    {
        ((Action)(() => _ = new Checkpoint(null!, "t", 0, 0, 0, ""))).Should().Throw<ArgumentNullException>();
        ((Action)(() => _ = new Checkpoint("g", null!, 0, 0, 0, ""))).Should().Throw<ArgumentNullException>();
        ((Action)(() => _ = new Checkpoint("g", "t", 0, 0, 0, null!))).Should().Throw<ArgumentNullException>();
    }
}
