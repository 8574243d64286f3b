using System.Text;
using Harness.Reports.Model;

namespace Harness.Reports.Tests;

/// <summary>Runs a writer into memory.</summary>
internal static class Render
{
    public static string ToText(this IReportWriter writer, RunResult result)
    {
        using var stream = new MemoryStream();
        writer.Write(result, stream);
        return Encoding.UTF8.GetString(stream.ToArray());
    }
}
