using System.Globalization;
using System.Text.RegularExpressions;

namespace Harness.Engine.Replicators.Mm2;

/// <summary>A JVM heap size as -Xmx takes it (512m, 2g; binary units), in MiB.</summary>
internal static partial class JvmHeapSize
{
    public const int MinMiB = 32;

    public const string Expected = "a JVM heap size of at least 32m, such as 512m or 2g";

    public static int? TryParseMiB(string text)
    {
        var match = Pattern().Match(text.Trim());
        if (!match.Success || !long.TryParse(match.Groups[1].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var amount))
        {
            return null;
        }

        var mib = char.ToLowerInvariant(match.Groups[2].Value[0]) == 'g' ? amount * 1024 : amount;
        return mib is >= MinMiB and <= int.MaxValue ? (int)mib : null;
    }

    /// <summary>The JVM options for a heap of <paramref name="mib"/> MiB, fixed from the start as a hard limit is.</summary>
    public static string Options(int mib) => string.Create(CultureInfo.InvariantCulture, $"-Xms{mib}m -Xmx{mib}m");

    [GeneratedRegex("^([0-9]{1,9})([mMgG])$")]
    private static partial Regex Pattern();
}
