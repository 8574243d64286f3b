using Harness.Mm2.Records;

namespace Harness.Mm2.Tests.Records;

public sealed class HeartbeatTests
{
    // Key: sourceClusterAlias STRING, targetClusterAlias STRING.
    private const string Key = "00 03 73 72 63  00 03 64 73 74";

    // Value: version INT16 = 0, timestamp INT64 (1700000000000 = 0x18BCFE56800).
    private const string Value = "00 00  00 00 01 8B CF E5 68 00";

    private static readonly Heartbeat Sample = new("src", "dst", 1_700_000_000_000);

    [Test]
    public void Key_is_source_then_target_alias() => Sample.SerializeKey().Should().Equal(Hex.Bytes(Key));

    [Test]
    public void Value_is_version_zero_then_timestamp() => Sample.SerializeValue().Should().Equal(Hex.Bytes(Value));

    [Test]
    public void Decodes_the_hand_written_vector()
    {
        var heartbeat = Heartbeat.Deserialize(Hex.Bytes(Key), Hex.Bytes(Value));

        heartbeat.Should().Be(Sample);
        heartbeat.SourceClusterAlias.Should().Be("src");
        heartbeat.TargetClusterAlias.Should().Be("dst");
        heartbeat.Timestamp.Should().Be(1_700_000_000_000);
    }

    [Test]
    public void Empty_aliases_are_zero_length_strings()
    {
        new Heartbeat("", "", 0).SerializeKey().Should().Equal(Hex.Bytes("00 00 00 00"));
        Heartbeat.Deserialize(Hex.Bytes("00 00 00 00"), Hex.Bytes("00 00 00 00 00 00 00 00 00 00"))
            .Should().Be(new Heartbeat("", "", 0));
    }

    [Test]
    public void Round_trips()
    {
        var original = new Heartbeat("us-west-1", "eu-central-1", -1);

        Heartbeat.Deserialize(original.SerializeKey(), original.SerializeValue()).Should().Be(original);
    }

    [Test]
    public void Trailing_bytes_are_ignored_as_Kafka_ignores_them()
    {
        Heartbeat.Deserialize(Hex.Bytes(Key + " 00 00"), Hex.Bytes(Value + " FF")).Should().Be(Sample);
    }

    [Test]
    public void Other_versions_are_rejected()
    {
        var act = () => Heartbeat.Deserialize(Hex.Bytes(Key), Hex.Bytes("00 01  00 00 01 8B CF E5 68 00"));

        act.Should().Throw<Mm2FormatException>().WithMessage("Heartbeat value: unsupported version 1*");
    }

    [TestCase("", "sourceClusterAlias")]
    [TestCase("00 03 73 72", "sourceClusterAlias")]
    [TestCase("00 03 73 72 63", "targetClusterAlias")]
    [TestCase("00 03 73 72 63 00", "targetClusterAlias")]
    public void Truncated_key_names_the_field(string key, string field)
    {
        var act = () => Heartbeat.Deserialize(Hex.Bytes(key), Hex.Bytes(Value));

        act.Should().Throw<Mm2FormatException>().WithMessage($"Heartbeat key: field '{field}'*");
    }

    [TestCase("", "version")]
    [TestCase("00 00 00 00 01 8B CF E5 68", "timestamp")]
    public void Truncated_value_names_the_field(string value, string field)
    {
        var act = () => Heartbeat.Deserialize(Hex.Bytes(Key), Hex.Bytes(value));

        act.Should().Throw<Mm2FormatException>().WithMessage($"Heartbeat value: field '{field}'*");
    }
}
