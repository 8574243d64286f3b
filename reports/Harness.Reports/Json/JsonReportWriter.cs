using System.Text.Json;
using Harness.Reports.Model;

namespace Harness.Reports.Json;

/// <summary>
/// Writes results.json: the whole <see cref="RunResult"/> in camelCase JSON, enums as camelCase strings, times
/// as ISO 8601. The format is documented in docs/results-schema.md, described by docs/results-schema.json and
/// read back by <see cref="JsonReportReader"/>.
/// </summary>
public sealed class JsonReportWriter : IReportWriter
{
    /// <inheritdoc />
    public string FileName => "results.json";

    /// <inheritdoc />
    public void Write(RunResult result, Stream output)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(output);
        JsonSerializer.Serialize(output, result, ReportJson.Options);
    }

    /// <summary>Renders the result as a JSON string.</summary>
    /// <param name="result">The run.</param>
    /// <returns>The JSON text.</returns>
    public static string ToJson(RunResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return JsonSerializer.Serialize(result, ReportJson.Options);
    }
}
