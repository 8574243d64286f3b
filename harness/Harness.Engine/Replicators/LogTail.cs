using System.Text;

namespace Harness.Engine.Replicators;

/// <summary>
/// The last line a replicator wrote before it exited: most say why they stopped in that line, and an incident that
/// carries it saves a trip to a log that a CI run may not keep. A .NET process that died of an unhandled exception
/// ends its log with a stack trace, whose last frame says nothing: the exception's own line and its first frame are
/// taken instead.
/// </summary>
public static class LogTail
{
    private const int ReadBytes = 16384;
    private const int MaxLength = 300;
    private const string Unhandled = "Unhandled exception.";

    /// <summary>The last non-blank line of <paramref name="path"/> (or its unhandled exception), trimmed and capped; <see langword="null"/> when there is none.</summary>
    public static string? LastLine(string path)
    {
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            var start = Math.Max(0, stream.Length - ReadBytes);
            stream.Seek(start, SeekOrigin.Begin);
            var buffer = new byte[stream.Length - start];
            stream.ReadExactly(buffer);
            var lines = Encoding.UTF8.GetString(buffer).Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0).ToList();
            var crash = lines.FindLastIndex(l => l.StartsWith(Unhandled, StringComparison.Ordinal));
            var line = crash < 0 ? lines.LastOrDefault() : Crash(lines.Skip(crash).ToList());
            return line is null ? null : line.Length > MaxLength ? line[..MaxLength] + "…" : line;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            return null;
        }
    }

    /// <summary>The exception's line and the first frame of the process's own code (the runtime's frames say only where it broke).</summary>
    private static string Crash(List<string> lines)
    {
        var frames = lines.Skip(1).TakeWhile(l => l.StartsWith("at ", StringComparison.Ordinal)).ToList();
        var own = frames.FirstOrDefault(f => !f.StartsWith("at System.", StringComparison.Ordinal)) ?? frames.FirstOrDefault();
        return own is null ? lines[0] : $"{lines[0]} {own}";
    }
}
