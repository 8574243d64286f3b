namespace Harness.Reports.Html.Charts;

/// <summary>
/// Line styles for up to three series: colours from the Okabe-Ito palette (readable with colour blindness) and a
/// different dash pattern each, so the lines can be told apart in greyscale print too.
/// </summary>
internal static class SeriesStyle
{
    private static readonly (string Colour, string? Dash)[] Styles =
    [
        ("#0072b2", null),
        ("#d55e00", "7 4"),
        ("#009e73", "2 3"),
    ];

    public static string Colour(int index) => Styles[index % Styles.Length].Colour;

    public static string? Dash(int index) => Styles[index % Styles.Length].Dash;
}
