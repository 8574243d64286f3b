using System.Globalization;

namespace Harness.Reports.Compare;

/// <summary>Reads and writes regression thresholds as people type them: "10%" (or "10") is 0.1.</summary>
public static class RegressionThreshold
{
    /// <summary>Parses a percentage such as "10%", "2.5%" or "10".</summary>
    /// <param name="text">The text.</param>
    /// <param name="threshold">The threshold as a fraction (0.1 for "10%").</param>
    /// <returns>Whether the text is a percentage of 0 or more.</returns>
    public static bool TryParse(string? text, out double threshold)
    {
        threshold = 0;
        var trimmed = (text ?? "").Trim();
        if (trimmed.EndsWith('%'))
        {
            trimmed = trimmed[..^1].TrimEnd();
        }

        if (!double.TryParse(trimmed, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var percent)
            || !double.IsFinite(percent))
        {
            return false;
        }

        threshold = percent / 100;
        return true;
    }

    /// <summary>Formats a threshold as a percentage, for example "10%".</summary>
    /// <param name="threshold">The threshold as a fraction.</param>
    /// <returns>The percentage.</returns>
    public static string Format(double threshold) =>
        (threshold * 100).ToString("0.##", CultureInfo.InvariantCulture) + "%";
}
