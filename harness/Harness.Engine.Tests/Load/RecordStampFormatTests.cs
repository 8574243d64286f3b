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
}
