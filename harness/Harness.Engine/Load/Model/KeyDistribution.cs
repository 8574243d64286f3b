using System.Globalization;
using System.Text;

namespace Harness.Engine.Load.Model;

/// <summary>
/// Which key each record carries, as an index into a key space; <see cref="FormatKey"/> turns an index
/// into the stable key text <c>key-000123</c>. The closed set is <see cref="NoKeys"/>,
/// <see cref="UniformKeys"/>, <see cref="ZipfKeys"/> and <see cref="SequentialKeys"/>.
/// </summary>
public abstract class KeyDistribution
{
    private protected KeyDistribution()
    {
    }

    /// <summary>How many distinct keys there are, or <see langword="null"/> when unbounded or keyless.</summary>
    public abstract long? Count { get; }

    /// <summary>The key text for <paramref name="index"/>: <c>key-</c> and at least six digits.</summary>
    /// <param name="index">A key index, zero or more.</param>
    public static string FormatKey(long index) => "key-" + index.ToString("D6", CultureInfo.InvariantCulture);

    /// <summary>The UTF-8 bytes of <see cref="FormatKey"/>, as sent to Kafka.</summary>
    /// <param name="index">A key index, zero or more.</param>
    public static byte[] KeyBytes(long index) => Encoding.UTF8.GetBytes(FormatKey(index));

    /// <summary>A short human-readable description, for logs and reports.</summary>
    public abstract override string ToString();

    /// <summary>Picks the key index for a record, or <see langword="null"/> for a record without a key.</summary>
    /// <param name="ordinal">The record's position in its topic, from zero.</param>
    /// <param name="random">A generator for this record.</param>
    public abstract long? NextIndex(long ordinal, DeterministicRandom random);

    /// <summary>Checks a key count argument: positive.</summary>
    internal static long CheckCount(long count, string name)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count, name);
        return count;
    }
}
