using System.Text;

namespace Harness.Engine.Replicators;

/// <summary>
/// The last line a replicator wrote before it exited: most say why they stopped in that line, and an incident that
/// carries it saves a trip to a log that a CI run may not keep.
/// </summary>
public static class LogTail
{
    private const int ReadBytes = 4096;
    private const int MaxLength = 300;

    /// <summary>The last non-blank line of <paramref name="path"/>, trimmed and capped; <see langword="null"/> when there is none.</summary>
    public static string? LastLine(string path)
    {
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            var start = Math.Max(0, stream.Length - ReadBytes);
            stream.Seek(start, SeekOrigin.Begin);
            var buffer = new byte[stream.Length - start];
            stream.ReadExactly(buffer);
            var line = Encoding.UTF8.GetString(buffer).Split('\n').Select(l => l.Trim()).LastOrDefault(l => l.Length > 0);
            return line is null ? null : line.Length > MaxLength ? line[..MaxLength] + "…" : line;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            return null;
        }
    }
}
