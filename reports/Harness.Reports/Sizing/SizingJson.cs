using System.Text.Json;
using Harness.Reports.Json;

namespace Harness.Reports.Sizing;

/// <summary>Writes and reads sizing.json with the same serializer settings as results.json.</summary>
public static class SizingJson
{
    /// <summary>The file name of the JSON form.</summary>
    public const string FileName = "sizing.json";

    /// <summary>Writes <paramref name="report"/> to <paramref name="output"/>.</summary>
    public static void Write(SizingReport report, Stream output)
    {
        ArgumentNullException.ThrowIfNull(report);
        JsonSerializer.Serialize(output, report, ReportJson.Options);
    }

    /// <summary>Reads a sizing report from a sizing.json file or from the folder that holds one.</summary>
    /// <exception cref="ReportFormatException">The file is missing, not JSON, or of a schema this version cannot read.</exception>
    public static SizingReport Read(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var file = Directory.Exists(path) ? Path.Combine(path, FileName) : path;
        try
        {
            using var stream = File.OpenRead(file);
            var report = JsonSerializer.Deserialize<SizingReport>(stream, ReportJson.Options)
                ?? throw new ReportFormatException($"{file}: empty sizing report");
            return report.SchemaVersion.StartsWith("1.", StringComparison.Ordinal)
                ? report
                : throw new ReportFormatException($"{file}: sizing schema {report.SchemaVersion} is not readable by this version (expected 1.x)");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException)
        {
            throw new ReportFormatException($"{file}: not a readable sizing report ({e.Message})", e);
        }
    }

    /// <summary>Whether <paramref name="path"/> is a sizing.json or a folder holding one.</summary>
    public static bool IsSizing(string path) =>
        Directory.Exists(path) ? File.Exists(Path.Combine(path, FileName)) : Path.GetFileName(path) == FileName;
}
