using Harness.Reports.Json;

namespace Harness.Reports.Compare;

/// <summary>
/// Reads the runs to compare from run folders (or their results.json files). Every problem is a
/// <see cref="ReportFormatException"/> with one line that names the file and says how to fix it.
/// </summary>
public static class RunFolder
{
    /// <summary>The file a run folder holds its results in.</summary>
    public const string ResultsFileName = "results.json";

    private const string ReportFileName = "report.html";

    /// <summary>Reads several runs, giving each a unique label.</summary>
    /// <param name="paths">Run folders or results.json files.</param>
    /// <returns>The runs, in the order given.</returns>
    /// <exception cref="ReportFormatException">A path is missing, unreadable or not a results file.</exception>
    public static IReadOnlyList<ComparedRun> LoadAll(IEnumerable<string> paths)
    {
        ArgumentNullException.ThrowIfNull(paths);
        var runs = new List<ComparedRun>();
        var labels = new HashSet<string>(StringComparer.Ordinal);
        foreach (var path in paths)
        {
            var run = Load(path);
            var label = run.Label;

            // Runs from different parent folders can share a folder name; columns must still be told apart.
            for (var n = 2; !labels.Add(label); n++)
            {
                label = $"{run.Label}#{n}";
            }

            runs.Add(run with { Label = label });
        }

        return runs;
    }

    /// <summary>Reads one run from a run folder or a results.json file.</summary>
    /// <param name="path">A run folder or a results.json file.</param>
    /// <returns>The run, labelled with its folder's name.</returns>
    /// <exception cref="ReportFormatException">The path is missing, unreadable or not a results file.</exception>
    public static ComparedRun Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        string file;
        if (Directory.Exists(path))
        {
            file = Path.Combine(path, ResultsFileName);
            if (!File.Exists(file))
            {
                throw new ReportFormatException(
                    $"{file}: not found; pass a run folder written by 'harness run' (a run killed before its reports were written has none).");
            }
        }
        else if (File.Exists(path))
        {
            file = path;
        }
        else
        {
            throw new ReportFormatException(
                $"{path}: no such run folder; pass run folders written by 'harness run', for example runs/20250301-100000-smoke.");
        }

        var full = Path.GetFullPath(file);
        var folder = Path.GetDirectoryName(full)!;
        try
        {
            var result = new JsonReportReader().ReadFile(file);
            var report = Path.Combine(folder, ReportFileName);
            return new ComparedRun(Label(full), full, result) { ReportPath = File.Exists(report) ? report : null };
        }
        catch (ReportFormatException e)
        {
            // The reader's message already starts with the file name.
            throw new ReportFormatException(
                $"{OneLine(e.Message)}; pass a results.json written by 'harness run' (schema 1.x) or re-run the scenario.", e);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ReportFormatException($"{file}: cannot be read ({OneLine(e.Message)}); check the path and its permissions.", e);
        }
    }

    private static string Label(string resultsFile)
    {
        var folder = Path.GetDirectoryName(resultsFile)!;
        var name = Path.GetFileName(folder);
        return Path.GetFileName(resultsFile) == ResultsFileName && name.Length > 0
            ? name
            : Path.GetFileNameWithoutExtension(resultsFile);
    }

    private static string OneLine(string text) =>
        string.Join(' ', text.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
}
