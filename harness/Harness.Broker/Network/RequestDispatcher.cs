using System.Collections.Frozen;
using Harness.Broker.Protocol;

namespace Harness.Broker.Network;

/// <summary>
/// Finds the handler for an API key, and counts the requests of each key a cluster received: what proves that a
/// read-only command (a plan, a capture) sent no mutating request.
/// </summary>
internal sealed class RequestDispatcher
{
    private const int CountedKeys = 128;
    private readonly FrozenDictionary<ApiKey, IApiHandler> _handlers;
    private readonly long[] _counts = new long[CountedKeys];

    public RequestDispatcher(IEnumerable<IApiHandler> handlers)
    {
        _handlers = handlers.ToFrozenDictionary(h => h.Key);
    }

    public IEnumerable<IApiHandler> Handlers => _handlers.Values.OrderBy(h => (short)h.Key);

    public IApiHandler? Find(ApiKey key)
    {
        if ((uint)(short)key < CountedKeys)
        {
            Interlocked.Increment(ref _counts[(short)key]);
        }

        return _handlers.GetValueOrDefault(key);
    }

    /// <summary>The requests received so far, by API name (only keys with at least one).</summary>
    public IReadOnlyDictionary<string, long> RequestCounts()
    {
        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        for (var i = 0; i < CountedKeys; i++)
        {
            var count = Interlocked.Read(ref _counts[i]);
            if (count > 0)
            {
                counts[Enum.IsDefined((ApiKey)i) ? ((ApiKey)i).ToString() : i.ToString(System.Globalization.CultureInfo.InvariantCulture)] = count;
            }
        }

        return counts;
    }
}
