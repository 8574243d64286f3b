using System.Globalization;
using System.Text;

namespace Harness.Mm2.Records;

/// <summary>Encoding rules for the STRING fields of MM2 records.</summary>
internal static class Utf8Field
{
    /// <summary>
    /// Throws on invalid input in both directions. Java would silently substitute '?' or U+FFFD, which would turn a
    /// corrupt group or topic name into a different, valid-looking one; here that surfaces as a format error instead.
    /// </summary>
    public static readonly UTF8Encoding Strict = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>The longest STRING an INT16 length prefix can describe (Kafka rejects longer ones when writing).</summary>
    public const int MaxBytes = short.MaxValue;

    public static byte[] Encode(string value, string context, string field)
    {
        byte[] bytes;
        try
        {
            bytes = Strict.GetBytes(value);
        }
        catch (EncoderFallbackException e)
        {
            throw new Mm2FormatException(
                string.Create(CultureInfo.InvariantCulture, $"{context}: field '{field}' cannot be encoded as UTF-8 (it contains an unpaired surrogate)."),
                e);
        }

        if (bytes.Length > MaxBytes)
        {
            throw new Mm2FormatException(
                string.Create(CultureInfo.InvariantCulture, $"{context}: field '{field}' is {bytes.Length} bytes of UTF-8, more than the {MaxBytes} a STRING can hold."));
        }

        return bytes;
    }

    /// <summary>Encoded size of a STRING field: the INT16 length prefix plus the bytes.</summary>
    public static int SizeOf(byte[] utf8) => sizeof(short) + utf8.Length;
}
