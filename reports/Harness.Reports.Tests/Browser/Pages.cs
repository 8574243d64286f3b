using System.Text.Json;

namespace Harness.Reports.Tests.Browser;

/// <summary>Small readers for the JSON that page scripts return.</summary>
internal static class Pages
{
    public static string[] Strings(this JsonElement array) => [.. array.EnumerateArray().Select(e => e.GetString() ?? "")];

    public static string[][] Rows(this JsonElement array) => [.. array.EnumerateArray().Select(Strings)];

    public static string Text(this JsonElement element, string property) => element.GetProperty(property).GetString() ?? "";

    public static double Number(this JsonElement element, string property) => element.GetProperty(property).GetDouble();

    /// <summary>The visible texts of every row of a table body, cell by cell.</summary>
    public static string TableRows(string tableId) =>
        $"Array.from(document.querySelectorAll('#{tableId} tbody tr')).map(r => Array.from(r.cells).map(c => c.textContent.trim()))";
}
