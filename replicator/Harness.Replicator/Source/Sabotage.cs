using Confluent.Kafka;
using Harness.Replicator.Configuration;

namespace Harness.Replicator.Source;

/// <summary>
/// Applies the deliberate defects of <see cref="SabotageSettings"/> to the record stream of one task, counting
/// that task's records (so "drop every 1000th" of 100 000 records with one task loses exactly 100).
/// </summary>
internal sealed class Sabotage(SabotageSettings settings)
{
    private readonly Dictionary<(string, int), Outgoing> _held = [];

    /// <summary>Records held per partition until it is read to its end, so the latest record of each key among them is known.</summary>
    private readonly Dictionary<(string, int), List<Outgoing>> _pending = [];
    private long _count;

    /// <summary>The records to write for <paramref name="record"/>: none when dropped, two when duplicated.</summary>
    public List<Outgoing> Apply(Outgoing record, int targetPartitions)
    {
        var n = ++_count;
        var output = new List<Outgoing>(2);
        if (settings.DropLatestKeyEvery > 0)
        {
            if (!_pending.TryGetValue(record.Source, out var pending))
            {
                pending = [];
                _pending[record.Source] = pending;
            }

            pending.Add(record);
            return output;
        }

        if (Every(settings.DropEvery, n))
        {
            return output;
        }

        if (Every(settings.CorruptHeaderEvery, n))
        {
            Corrupt(record.Message);
        }

        if (Every(settings.CorruptValueEvery, n) && record.Message.Value is { Length: > 0 } value)
        {
            // A copy: the consumed record's bytes may be shared with whatever else holds the message.
            var changed = value.ToArray();
            changed[^1] ^= 0x5A;
            record.Message.Value = changed;
        }

        if (Every(settings.MisrouteEvery, n))
        {
            record = record with { Partition = (record.Partition + 1) % Math.Max(targetPartitions, 1) };
        }

        var key = record.Source;
        if (Every(settings.ReorderEvery, n) && !_held.ContainsKey(key))
        {
            // Written after the partition's next record, or when the partition goes quiet.
            _held[key] = record;
            return output;
        }

        output.Add(record);
        if (_held.Remove(key, out var held))
        {
            output.Add(held);
        }

        if (Every(settings.DuplicateEvery, n))
        {
            output.Add(record);
        }

        return output;
    }

    /// <summary>Records held back for reordering, released when their partition has no next record (or at a stop).</summary>
    public List<Outgoing> ReleaseHeld((string Topic, int Partition)? partition = null)
    {
        if (partition is { } key)
        {
            List<Outgoing> released = _held.Remove(key, out var one) ? [one] : [];
            if (_pending.Remove(key, out var pending))
            {
                released.AddRange(WithoutLatestOfKeys(pending));
            }

            return released;
        }

        var held = _held.Values.ToList();
        _held.Clear();
        foreach (var pending in _pending.Values)
        {
            held.AddRange(WithoutLatestOfKeys(pending));
        }

        _pending.Clear();
        return held;
    }

    /// <summary>
    /// The held records of one partition in order, less the last one of each key <see cref="SabotageSettings.DropsLatestOf"/>
    /// picks: a key's latest record is always the last of its key in some batch, so it never reaches the target.
    /// </summary>
    private List<Outgoing> WithoutLatestOfKeys(List<Outgoing> pending)
    {
        var last = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < pending.Count; i++)
        {
            if (pending[i].Message.Key is { } key && settings.DropsLatestOf(key))
            {
                last[Convert.ToHexString(key)] = i;
            }
        }

        var dropped = last.Values.ToHashSet();
        return [.. pending.Where((_, i) => !dropped.Contains(i))];
    }

    private static bool Every(long every, long n) => every > 0 && n % every == 0;

    private static void Corrupt(Message<byte[]?, byte[]?> message)
    {
        var headers = new Headers();
        var corrupted = false;
        foreach (var header in message.Headers ?? [])
        {
            var value = header.GetValueBytes()?.ToArray();
            if (!corrupted && value is { Length: > 0 })
            {
                value[^1] ^= 0x5A;
                corrupted = true;
            }

            headers.Add(header.Key, value);
        }

        if (!corrupted)
        {
            headers.Add("sabotage", [0x5A]);
        }

        message.Headers = headers;
    }
}
