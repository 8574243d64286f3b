using System.Globalization;
using System.Text;

namespace Harness.Replicator.Progress;

/// <summary>
/// Durable replication progress: for each source partition, the next source offset to copy. Written with a
/// temporary file, fsync and rename, so a SIGKILL at any moment leaves either the old or the new state.
/// </summary>
public sealed class ProgressStore
{
    private readonly string _path;

    /// <summary>Keeps progress in <paramref name="directory"/>/progress.tsv.</summary>
    public ProgressStore(string directory)
    {
        Directory.CreateDirectory(directory);
        _path = Path.Combine(directory, "progress.tsv");
    }

    /// <summary>The saved progress; empty on a first start.</summary>
    public Dictionary<(string Topic, int Partition), long> Load()
    {
        var result = new Dictionary<(string, int), long>();
        if (!File.Exists(_path))
        {
            return result;
        }

        foreach (var line in File.ReadAllLines(_path))
        {
            var fields = line.Split('\t');
            if (fields.Length == 3
                && int.TryParse(fields[1], NumberStyles.Integer, CultureInfo.InvariantCulture, out var partition)
                && long.TryParse(fields[2], NumberStyles.Integer, CultureInfo.InvariantCulture, out var offset))
            {
                result[(fields[0], partition)] = offset;
            }
        }

        return result;
    }

    /// <summary>Replaces the saved progress atomically.</summary>
    public void Save(IEnumerable<KeyValuePair<(string Topic, int Partition), long>> progress)
    {
        var builder = new StringBuilder();
        foreach (var ((topic, partition), offset) in progress.OrderBy(p => p.Key.Topic, StringComparer.Ordinal).ThenBy(p => p.Key.Partition))
        {
            builder.Append(topic).Append('\t').Append(partition.ToString(CultureInfo.InvariantCulture)).Append('\t')
                .Append(offset.ToString(CultureInfo.InvariantCulture)).Append('\n');
        }

        var temporary = _path + ".tmp";
        using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            var bytes = Encoding.UTF8.GetBytes(builder.ToString());
            stream.Write(bytes);
            stream.Flush(flushToDisk: true);
        }

        File.Move(temporary, _path, overwrite: true);
    }
}
