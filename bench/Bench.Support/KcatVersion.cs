using System.Diagnostics;

namespace Harness.Bench.Support;

/// <summary>Which kcat, on which librdkafka, a benchmark compared against: printed with every run.</summary>
public static class KcatVersion
{
    /// <summary>kcat's version line naming its librdkafka; with <paramref name="libraryFolder"/> first on LD_LIBRARY_PATH when given; empty when it names none.</summary>
    public static string Line(string? libraryFolder = null)
    {
        var info = new ProcessStartInfo("kcat", "-V") { UseShellExecute = false, RedirectStandardOutput = true };
        if (libraryFolder is not null)
        {
            info.Environment["LD_LIBRARY_PATH"] = libraryFolder;
        }

        using var process = Process.Start(info) ?? throw new InvalidOperationException("cannot start kcat");
        var text = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return text.Split('\n').FirstOrDefault(l => l.Contains("librdkafka", StringComparison.Ordinal))?.Trim() ?? string.Empty;
    }
}
