using Harness.Reports.Csv;
using Harness.Reports.Html;
using Harness.Reports.Json;
using Harness.Reports.JUnit;
using Harness.Reports.Model;

namespace Harness.Reports;

/// <summary>The standard set of report writers and a helper that writes them all into one directory.</summary>
public static class ReportWriters
{
    /// <summary>One writer per format: report.html, results.json, junit.xml and metrics.csv.</summary>
    public static IReadOnlyList<IReportWriter> All { get; } =
        [new HtmlReportWriter(), new JsonReportWriter(), new JUnitReportWriter(), new CsvReportWriter()];

    /// <summary>Writes every standard report into <paramref name="directory"/>, creating it when missing.</summary>
    /// <param name="result">The run to render.</param>
    /// <param name="directory">The output directory.</param>
    /// <returns>The full paths written, in writer order.</returns>
    public static IReadOnlyList<string> WriteAll(RunResult result, string directory) => WriteAll(result, directory, All);

    /// <summary>Writes the given reports into <paramref name="directory"/>, creating it when missing.</summary>
    /// <param name="result">The run to render.</param>
    /// <param name="directory">The output directory.</param>
    /// <param name="writers">The writers to use.</param>
    /// <returns>The full paths written, in writer order.</returns>
    public static IReadOnlyList<string> WriteAll(RunResult result, string directory, IEnumerable<IReportWriter> writers)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentException.ThrowIfNullOrEmpty(directory);
        ArgumentNullException.ThrowIfNull(writers);

        Directory.CreateDirectory(directory);
        var written = new List<string>();
        foreach (var writer in writers)
        {
            var path = Path.GetFullPath(Path.Combine(directory, writer.FileName));
            WriteReplacing(path, stream => writer.Write(result, stream));
            written.Add(path);
        }

        return written;
    }

    // A reader (a browser reloading report.html, CI picking up junit.xml) must never see half a file, so each
    // report is written next to its final name and moved over it in one step.
    private static void WriteReplacing(string path, Action<Stream> write)
    {
        var temporary = path + ".tmp";
        try
        {
            using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None))
            {
                write(stream);
            }

            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }
    }
}
