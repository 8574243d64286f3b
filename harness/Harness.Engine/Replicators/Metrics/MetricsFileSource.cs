using System.Text;
using System.Text.Json;

namespace Harness.Engine.Replicators.Metrics;

/// <summary>
/// The built-in replicator's JSON-lines metrics file: its write time is when the newest sample arrived, and its last
/// complete line holds the memory figures.
/// </summary>
public sealed class MetricsFileSource(string path) : IReplicatorMetrics
{
    /// <summary>The file.</summary>
    public string Path { get; } = path;

    /// <inheritdoc/>
    public string Source => Path;

    /// <inheritdoc/>
    /// <remarks>The write time is on the wall clock; the watch reads the run's clock as wall time to compare.</remarks>
    public DateTimeOffset? LastSampleUtc => File.Exists(Path) ? new DateTimeOffset(File.GetLastWriteTimeUtc(Path)) : null;

    /// <inheritdoc/>
    public ReplicatorFigures? Latest
    {
        get
        {
            if (!File.Exists(Path))
            {
                return null;
            }

            try
            {
                using var stream = new FileStream(Path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
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
                return new ReplicatorFigures
                {
                    RssMiB = Math.Round(root.GetProperty("rss-bytes").GetDouble() / (1024 * 1024), 1),
                    HeapMiB = Math.Round(root.GetProperty("gc-heap-bytes").GetDouble() / (1024 * 1024), 1),
                };
            }
            catch (Exception e) when (e is IOException or JsonException or KeyNotFoundException or InvalidOperationException)
            {
                return null; // a line being written, or a replicator with other fields: no sample this time
            }
        }
    }

    /// <inheritdoc/>
    /// <remarks>The replicator writes the file itself: there is nothing to poll.</remarks>
    public Task RunAsync(TimeProvider time, TimeSpan every, CancellationToken cancellation) => Task.CompletedTask;
}
