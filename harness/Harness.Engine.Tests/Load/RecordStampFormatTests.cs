using Harness.Engine.Load;

namespace Harness.Engine.Tests.Load;

/// <summary>The verifier reads stamps written by earlier builds: the format is pinned byte for byte.</summary>
public sealed class RecordStampFormatTests
{
    private static readonly RecordStamp Sample = new(0x0102030405060708UL, 3, 2, 5, 123_456_789L, 1_764_000_000_000L, 0xDEADBEEFu);

    [Test]
    public void A_stamp_encodes_to_the_pinned_bytes() =>
        Convert.ToHexString(Sample.Encode()).Should().Be("010102030405060708000300020000000500000000075BCD150000019AB697E800DEADBEEFDC6ABA39");

    [Test]
    public void Encoding_into_a_span_writes_the_same_bytes_and_nothing_past_the_stamp()
    {
        var buffer = Enumerable.Repeat((byte)0xAA, RecordStamp.Size + 4).ToArray();

        Sample.EncodeTo(buffer);

        buffer[..RecordStamp.Size].Should().Equal(Sample.Encode());
        buffer[RecordStamp.Size..].Should().OnlyContain(b => b == 0xAA);
    }

    [Test]
    public void Encoding_into_a_short_span_is_refused() =>
        FluentActions.Invoking(() => Sample.EncodeTo(new byte[RecordStamp.Size - 1])).Should().Throw<ArgumentOutOfRangeException>();

    [Test]
    public void The_content_hash_is_pinned() =>
        RecordStamp.HashContent("key-000042"u8, "hello world"u8).Should().Be(0x3B6F8CD4u);

    [Test]
    public void A_value_stamp_is_the_pinned_marker_then_the_stamp_and_leaves_the_rest_of_the_value_alone()
    {
        var value = Enumerable.Repeat((byte)0xAA, ValueStamp.Size + 3).ToArray();

        ValueStamp.Write(Sample, value);

        Convert.ToHexString(value[..4]).Should().Be("F1687873");
        value[4..ValueStamp.Size].Should().Equal(Sample.Encode());
        value[ValueStamp.Size..].Should().OnlyContain(b => b == 0xAA);
        ValueStamp.TrySplit(value, out var stamp, out var content).Should().BeTrue();
        stamp.ToArray().Should().Equal(Sample.Encode());
        content.ToArray().Should().Equal(0xAA, 0xAA, 0xAA);
    }

    [TestCase(0)]
    [TestCase(ValueStamp.Size - 1)]
    public void A_value_too_short_for_a_stamp_is_refused(int length) =>
        FluentActions.Invoking(() => ValueStamp.Write(Sample, new byte[length])).Should().Throw<ArgumentOutOfRangeException>();

    [Test]
    public void A_value_without_the_marker_or_too_short_has_no_value_stamp()
    {
        var value = new byte[ValueStamp.Size + 10];
        ValueStamp.Write(Sample, value);
        value[1] ^= 1;

        ValueStamp.TrySplit(value, out _, out _).Should().BeFalse("the marker is changed");
        ValueStamp.TrySplit(value.AsSpan(0, ValueStamp.Size - 1), out _, out _).Should().BeFalse("the value ends inside the stamp");
    }
}
