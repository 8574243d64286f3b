using System.Text;
using System.Text.Json;

namespace Harness.Engine.Orchestration;

/// <summary>The newest sample of the replicator's metrics file: memory figures for the report's charts.</summary>
internal sealed record ReplicatorMetricsLine(double RssMiB, double GcHeapMiB)
{
    /// <summary>Reads the last complete line, or null when there is none (no file, or a replicator that writes none).</summary>
    public static ReplicatorMetricsLine? ReadLast(string? path)
    {
        if (path is null || !File.Exists(path))
        {
            return null;
        }

        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            var length = stream.Length;
            var tail = (int)Math.Min(length, 64 * 1024);
            stream.Seek(length - tail, SeekOrigin.Begin);
            var buffer = new byte[tail];
            stream.ReadExactly(buffer);
            var lines = Encoding.UTF8.GetString(buffer).Split('\n', StringSplitOptions.RemoveEmptyEntries);
            if (lines.Length == 0)
            {
                return null;
            }

            using var json = JsonDocument.Parse(lines[^1]);
            var root = json.RootElement;
            return new ReplicatorMetricsLine(
                Math.Round(root.GetProperty("rss-bytes").GetDouble() / (1024 * 1024), 1),
                Math.Round(root.GetProperty("gc-heap-bytes").GetDouble() / (1024 * 1024), 1));
        }
        catch (Exception e) when (e is IOException or JsonException or KeyNotFoundException or InvalidOperationException)
        {
            return null; // a line being written, or a replicator with other fields: no sample this time
        }
    }
}
