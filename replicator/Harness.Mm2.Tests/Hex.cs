namespace Harness.Mm2.Tests;

/// <summary>Turns hand-written byte vectors such as "00 02 67 31" into arrays.</summary>
internal static class Hex
{
    public static byte[] Bytes(string spaced) => Convert.FromHexString(spaced.Replace(" ", "", StringComparison.Ordinal));

    public static string Of(byte[] bytes) => Convert.ToHexString(bytes);
}
