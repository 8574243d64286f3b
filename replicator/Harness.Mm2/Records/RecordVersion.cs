using System.Globalization;

namespace Harness.Mm2.Records;

/// <summary>The INT16 version header that precedes checkpoint and heartbeat values.</summary>
internal static class RecordVersion
{
    /// <summary>The only version Kafka has ever written for either record.</summary>
    public const short Current = 0;

    /// <summary>
    /// Reads the header and rejects anything but version 0. Kafka releases before KAFKA-20659 only asserted this
    /// (assertions are off in production) and parsed any version with the v0 layout; current Kafka rejects it,
    /// and so do we, because reading an unknown layout as v0 would yield plausible but wrong offsets.
    /// </summary>
    public static void Read(ref StructReader reader, string context)
    {
        var version = reader.ReadInt16("version");
        if (version != Current)
        {
            throw new Mm2FormatException(
                string.Create(CultureInfo.InvariantCulture, $"{context}: unsupported version {version}; only version {Current} is defined."));
        }
    }
}
