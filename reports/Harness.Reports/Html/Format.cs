using System.Globalization;

namespace Harness.Reports.Html;

/// <summary>How numbers, times and durations read in the HTML report: invariant culture, so a report looks the
/// same whichever machine produced it.</summary>
internal static class Format
{
    public const string Missing = "n/a";

    private static CultureInfo Invariant => CultureInfo.InvariantCulture;

    public static string Count(long value) => value.ToString("N0", Invariant);

    public static string Count(long? value) => value is { } v ? Count(v) : Missing;

    public static string Decimal(double value) =>
        double.IsFinite(value) ? value.ToString("#,0.##", Invariant) : Missing;

    public static string Decimal(double? value) => value is { } v ? Decimal(v) : Missing;

    public static string Milliseconds(double value) => double.IsFinite(value) ? Decimal(value) + " ms" : Missing;

    /// <summary>A machine-readable value for sorting (data-value attributes).</summary>
    public static string SortKey(double? value) =>
        value is { } v && double.IsFinite(v) ? v.ToString("R", Invariant) : "";

    public static string SortKey(long? value) => value?.ToString(Invariant) ?? "";

    /// <summary>Seconds since the run started, as m:ss or h:mm:ss.</summary>
    public static string Clock(double seconds)
    {
        if (!double.IsFinite(seconds))
        {
            return Missing;
        }

        var span = TimeSpan.FromSeconds(Math.Round(Math.Abs(seconds)));
        var sign = seconds < -0.5 ? "-" : "";
        return span.TotalHours >= 1
            ? sign + string.Create(Invariant, $"{(int)span.TotalHours}:{span.Minutes:00}:{span.Seconds:00}")
            : sign + string.Create(Invariant, $"{span.Minutes}:{span.Seconds:00}");
    }

    public static string Duration(TimeSpan duration)
    {
        if (duration < TimeSpan.Zero)
        {
            return "-" + Duration(duration.Negate());
        }

        if (duration.TotalMinutes < 1)
        {
            return duration.TotalSeconds.ToString("0.###", Invariant) + " s";
        }

        return duration.TotalHours >= 1
            ? string.Create(Invariant, $"{(int)duration.TotalHours} h {duration.Minutes} min {duration.Seconds} s")
            : string.Create(Invariant, $"{duration.Minutes} min {duration.Seconds} s");
    }

    public static string Utc(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", Invariant) + " UTC";

    /// <summary>Short axis labels: 1.5k, 2M.</summary>
    public static string Compact(double value)
    {
        var magnitude = Math.Abs(value);
        return magnitude switch
        {
            >= 1e9 => (value / 1e9).ToString("0.##", Invariant) + "G",
            >= 1e6 => (value / 1e6).ToString("0.##", Invariant) + "M",
            >= 1e4 => (value / 1e3).ToString("0.##", Invariant) + "k",
            _ => value.ToString("0.##", Invariant),
        };
    }

    /// <summary>An SVG coordinate: one decimal is finer than a pixel and keeps the file small.</summary>
    public static string Coordinate(double value) => value.ToString("0.#", Invariant);
}
