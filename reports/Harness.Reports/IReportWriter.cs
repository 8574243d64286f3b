using Harness.Reports.Model;

namespace Harness.Reports;

/// <summary>Renders a <see cref="RunResult"/> into one report format.</summary>
public interface IReportWriter
{
    /// <summary>The conventional file name of this format, for example "results.json".</summary>
    string FileName { get; }

    /// <summary>Writes the report. The stream is left open.</summary>
    /// <param name="result">The run to render.</param>
    /// <param name="output">Where to write; must be writable.</param>
    void Write(RunResult result, Stream output);
}
