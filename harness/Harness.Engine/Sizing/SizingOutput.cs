using Harness.Reports.Sizing;

namespace Harness.Engine.Sizing;

/// <summary>Writes sizing.json and sizing.html into a folder.</summary>
public static class SizingOutput
{
    /// <summary>Writes both files, creating the folder.</summary>
    public static void WriteAll(SizingReport report, string directory)
    {
        Directory.CreateDirectory(directory);
        using (var json = File.Create(Path.Combine(directory, SizingJson.FileName)))
        {
            SizingJson.Write(report, json);
        }

        using var html = File.Create(Path.Combine(directory, SizingHtmlWriter.FileName));
        new SizingHtmlWriter().Write(report, html);
    }
}
