using Harness.Mm2.Records;

namespace Harness.Mm2.Tests.Records;

/// <summary>Whatever the bytes, decoders either succeed or throw <see cref="Mm2FormatException"/>.</summary>
public sealed class MalformedInputTests
{
    private delegate object Decoder(byte[] key, byte[] value);

    private static readonly (string Name, byte[] Key, byte[] Value, Decoder Decode)[] Kinds =
    [
        ("OffsetSync", new OffsetSync("topic", 1, 2, 3).SerializeKey(), new OffsetSync("topic", 1, 2, 3).SerializeValue(),
            (k, v) => OffsetSync.Deserialize(k, v)),
        ("Checkpoint", new Checkpoint("g", "t", 1, 2, 3, "meta").SerializeKey(), new Checkpoint("g", "t", 1, 2, 3, "meta").SerializeValue(),
            (k, v) => Checkpoint.Deserialize(k, v)),
        ("Heartbeat", new Heartbeat("a", "b", 5).SerializeKey(), new Heartbeat("a", "b", 5).SerializeValue(),
            (k, v) => Heartbeat.Deserialize(k, v)),
    ];

    [Test]
    public void Every_truncation_of_a_key_or_value_is_a_format_error()
    {
        foreach (var (name, key, value, decode) in Kinds)
        {
            for (var length = 0; length < key.Length; length++)
            {
                var truncated = key[..length];
                var act = () => decode(truncated, value);
                act.Should().Throw<Mm2FormatException>($"{name} key cut to {length} bytes");
            }

            for (var length = 0; length < value.Length; length++)
            {
                var truncated = value[..length];
                var act = () => decode(key, truncated);
                act.Should().Throw<Mm2FormatException>($"{name} value cut to {length} bytes");
            }
        }
    }

    [Test]
    public void Random_bytes_never_escape_as_another_exception()
    {
        var random = new Random(20_240_611);
        foreach (var (name, _, _, decode) in Kinds)
        {
            for (var i = 0; i < 5_000; i++)
            {
                var key = RandomBytes(random);
                var value = RandomBytes(random);
                try
                {
                    decode(key, value);
                }
                catch (Mm2FormatException)
                {
                }
                catch (Exception e)
                {
                    Assert.Fail($"{name} threw {e.GetType().Name} for key {Hex.Of(key)} value {Hex.Of(value)}: {e.Message}");
                }
            }
        }
    }

    private static byte[] RandomBytes(Random random)
    {
        var bytes = new byte[random.Next(0, 24)];
        random.NextBytes(bytes);

        // Small string lengths make the interesting paths (valid prefixes, short strings) common.
        if (bytes.Length >= 2 && random.Next(2) == 0)
        {
            bytes[0] = 0;
            bytes[1] = (byte)random.Next(0, 8);
        }

        return bytes;
    }
}
