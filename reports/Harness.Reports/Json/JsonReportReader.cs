using System.Globalization;
using System.Text.Json;
using Harness.Reports.Model;

namespace Harness.Reports.Json;

/// <summary>
/// Reads results.json written by <see cref="JsonReportWriter"/> (any schema version 1.x). Every problem with the
/// file surfaces as a <see cref="ReportFormatException"/> whose message names it.
/// </summary>
public sealed class JsonReportReader
{
    /// <summary>The major schema version this reader understands.</summary>
    public const int SupportedMajorVersion = 1;

    /// <summary>Reads a result from a stream.</summary>
    /// <param name="input">The JSON stream; left open.</param>
    /// <returns>The run result.</returns>
    /// <exception cref="ReportFormatException">The JSON is malformed, incomplete or of another major version.</exception>
    public RunResult Read(Stream input)
    {
        ArgumentNullException.ThrowIfNull(input);
        try
        {
            using var document = JsonDocument.Parse(input);
            return Read(document);
        }
        catch (JsonException ex)
        {
            throw new ReportFormatException($"Not a valid results file: {ex.Message}", ex);
        }
    }

    /// <summary>Reads a result from JSON text.</summary>
    /// <param name="json">The JSON text.</param>
    /// <returns>The run result.</returns>
    /// <exception cref="ReportFormatException">The JSON is malformed, incomplete or of another major version.</exception>
    public RunResult Read(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        try
        {
            using var document = JsonDocument.Parse(json);
            return Read(document);
        }
        catch (JsonException ex)
        {
            throw new ReportFormatException($"Not a valid results file: {ex.Message}", ex);
        }
    }

    /// <summary>Reads a result from a file.</summary>
    /// <param name="path">The path of a results.json file.</param>
    /// <returns>The run result.</returns>
    /// <exception cref="ReportFormatException">The JSON is malformed, incomplete or of another major version.</exception>
    public RunResult ReadFile(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        using var stream = File.OpenRead(path);
        try
        {
            return Read(stream);
        }
        catch (ReportFormatException ex)
        {
            throw new ReportFormatException($"{path}: {ex.Message}", ex);
        }
    }

    private static RunResult Read(JsonDocument document)
    {
        // The version is checked before binding, so a 2.x file gets a clear message rather than whatever
        // member happens to fail first.
        CheckVersion(document.RootElement);
        return document.Deserialize<RunResult>(ReportJson.Options)
            ?? throw new ReportFormatException("Not a valid results file: the document is null.");
    }

    private static void CheckVersion(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new ReportFormatException("Not a valid results file: the top level is not an object.");
        }

        if (!root.TryGetProperty("schemaVersion", out var version) || version.ValueKind != JsonValueKind.String)
        {
            throw new ReportFormatException("Not a valid results file: schemaVersion is missing.");
        }

        var text = version.GetString() ?? "";
        var majorText = text.Split('.')[0];
        if (!int.TryParse(majorText, NumberStyles.None, CultureInfo.InvariantCulture, out var major))
        {
            throw new ReportFormatException($"Not a valid results file: schemaVersion '{text}' is not a version.");
        }

        if (major != SupportedMajorVersion)
        {
            throw new ReportFormatException(
                $"Unsupported schemaVersion '{text}': this harness reads {SupportedMajorVersion}.x.");
        }
    }
}
