using System.Globalization;
using System.Text;

namespace Harness.Engine.Scenarios;

/// <summary>
/// The text forms of scenario values, shared with the command line: durations (<c>500ms</c>, <c>30s</c>,
/// <c>5m</c>, <c>1h</c>, <c>1m30s</c>, or a plain number of seconds), byte sizes (<c>512</c>,
/// <c>1KiB</c>, <c>2MB</c>) and percentages (<c>0.1%</c>).
/// </summary>
public static class ScalarFormats
{
    /// <summary>Parses a duration; units are ms, s, m and h, and a plain number means seconds.</summary>
    /// <param name="text">The text, such as <c>30s</c> or <c>1m30s</c>.</param>
    /// <param name="value">The duration, zero or more.</param>
    /// <returns>Whether the text is a valid duration.</returns>
    public static bool TryParseDuration(string? text, out TimeSpan value)
    {
        value = TimeSpan.Zero;
        var s = text?.Trim() ?? string.Empty;
        if (s.Length == 0)
        {
            return false;
        }

        if (TryParseNumber(s, out var plainSeconds))
        {
            return plainSeconds >= 0 && TrySeconds(plainSeconds, out value);
        }

        double total = 0;
        var i = 0;
        while (i < s.Length)
        {
            var start = i;
            while (i < s.Length && (char.IsAsciiDigit(s[i]) || s[i] == '.' || s[i] == '_'))
            {
                i++;
            }

            if (!TryParseNumber(s[start..i], out var amount))
            {
                return false;
            }

            while (i < s.Length && s[i] == ' ')
            {
                i++;
            }

            var unitStart = i;
            while (i < s.Length && char.IsAsciiLetter(s[i]))
            {
                i++;
            }

            double? scale = s[unitStart..i].ToUpperInvariant() switch
            {
                "MS" => 0.001,
                "S" => 1,
                "M" => 60,
                "H" => 3600,
                _ => null,
            };
            if (scale is null)
            {
                return false;
            }

            total += amount * scale.Value;
            while (i < s.Length && s[i] == ' ')
            {
                i++;
            }
        }

        return TrySeconds(total, out value);
    }

    /// <summary>Parses a byte size: a plain number of bytes, or a number with B, KB, MB, GB (powers of 1000) or KiB, MiB, GiB (powers of 1024).</summary>
    /// <param name="text">The text, such as <c>512</c>, <c>1KiB</c> or <c>2MB</c>.</param>
    /// <param name="bytes">The size in whole bytes, rounded.</param>
    /// <returns>Whether the text is a valid size.</returns>
    public static bool TryParseByteSize(string? text, out long bytes)
    {
        bytes = 0;
        var s = text?.Trim() ?? string.Empty;
        var unitStart = s.Length;
        while (unitStart > 0 && char.IsAsciiLetter(s[unitStart - 1]))
        {
            unitStart--;
        }

        double? scale = s[unitStart..].ToUpperInvariant() switch
        {
            "" or "B" => 1,
            "K" or "KB" => 1e3,
            "KIB" => 1024,
            "M" or "MB" => 1e6,
            "MIB" => 1024 * 1024,
            "G" or "GB" => 1e9,
            "GIB" => 1024 * 1024 * 1024,
            _ => null,
        };
        if (scale is null || !TryParseNumber(s[..unitStart].TrimEnd(), out var amount) || amount < 0)
        {
            return false;
        }

        var value = Math.Round(amount * scale.Value, MidpointRounding.AwayFromZero);
        if (value > long.MaxValue / 2)
        {
            return false;
        }

        bytes = (long)value;
        return true;
    }

    /// <summary>Parses a percentage such as <c>0.1%</c> into a fraction (0.001).</summary>
    /// <param name="text">The text, ending in <c>%</c>.</param>
    /// <param name="fraction">The fraction: the percentage divided by 100.</param>
    /// <returns>Whether the text is a valid, non-negative percentage.</returns>
    public static bool TryParsePercent(string? text, out double fraction)
    {
        fraction = 0;
        var s = text?.Trim() ?? string.Empty;
        if (!s.EndsWith('%') || !TryParseNumber(s[..^1].TrimEnd(), out var percent) || percent < 0)
        {
            return false;
        }

        fraction = percent / 100;
        return true;
    }

    /// <summary>Formats a duration the way scenarios write it: <c>500ms</c>, <c>30s</c>, <c>1m30s</c>, <c>2h</c>.</summary>
    /// <param name="value">The duration.</param>
    public static string FormatDuration(TimeSpan value)
    {
        if (value < TimeSpan.Zero)
        {
            return "-" + FormatDuration(-value);
        }

        if (value == TimeSpan.Zero)
        {
            return "0s";
        }

        var text = new StringBuilder();
        if (value.TotalHours >= 1)
        {
            text.Append(CultureInfo.InvariantCulture, $"{(long)value.TotalHours}h");
        }

        if (value.Minutes > 0)
        {
            text.Append(CultureInfo.InvariantCulture, $"{value.Minutes}m");
        }

        var seconds = value.Seconds + (value.Ticks % TimeSpan.TicksPerSecond / (double)TimeSpan.TicksPerSecond);
        if (seconds > 0)
        {
            text.Append(text.Length == 0 && seconds < 1
                ? (seconds * 1000).ToString("0.###", CultureInfo.InvariantCulture) + "ms"
                : seconds.ToString("0.###", CultureInfo.InvariantCulture) + "s");
        }

        return text.ToString();
    }

    /// <summary>Parses a plain decimal number; underscores between digits (<c>60_000</c>) are allowed for readability.</summary>
    internal static bool TryParseNumber(string text, out double value)
    {
        value = 0;
        if (!IsWellFormedNumber(text))
        {
            return false;
        }

        return double.TryParse(text.Replace("_", string.Empty, StringComparison.Ordinal), NumberStyles.Float, CultureInfo.InvariantCulture, out value)
            && double.IsFinite(value);
    }

    /// <summary>Parses a plain integer; underscores between digits are allowed.</summary>
    internal static bool TryParseInteger(string text, out long value)
    {
        value = 0;
        var s = text.Trim();
        var digits = s.StartsWith('-') || s.StartsWith('+') ? s[1..] : s;
        if (digits.Length == 0 || !char.IsAsciiDigit(digits[0]) || !char.IsAsciiDigit(digits[^1])
            || digits.Any(c => !char.IsAsciiDigit(c) && c != '_') || digits.Contains("__", StringComparison.Ordinal))
        {
            return false;
        }

        return long.TryParse(s.Replace("_", string.Empty, StringComparison.Ordinal), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value);
    }

    private static bool IsWellFormedNumber(string text)
    {
        // Only digits, one sign, one point and an exponent: double.TryParse alone would take "NaN" or "1,5".
        var s = text.Trim();
        if (s.Length == 0)
        {
            return false;
        }

        var i = s[0] is '-' or '+' ? 1 : 0;
        var sawDigit = false;
        var sawPoint = false;
        for (; i < s.Length; i++)
        {
            var c = s[i];
            if (char.IsAsciiDigit(c))
            {
                sawDigit = true;
            }
            else if (c == '_' && i > 0 && char.IsAsciiDigit(s[i - 1]) && i + 1 < s.Length && char.IsAsciiDigit(s[i + 1]))
            {
                continue;
            }
            else if (c == '.' && !sawPoint)
            {
                sawPoint = true;
            }
            else if (c is 'e' or 'E' && sawDigit)
            {
                return TryParseInteger(s[(i + 1)..], out _);
            }
            else
            {
                return false;
            }
        }

        return sawDigit;
    }

    private static bool TrySeconds(double seconds, out TimeSpan value)
    {
        value = TimeSpan.Zero;
        if (!double.IsFinite(seconds) || seconds < 0 || seconds > TimeSpan.MaxValue.TotalSeconds / 2)
        {
            return false;
        }

        value = TimeSpan.FromTicks((long)Math.Round(seconds * TimeSpan.TicksPerSecond));
        return true;
    }
}
