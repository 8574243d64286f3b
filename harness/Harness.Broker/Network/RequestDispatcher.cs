using System.Collections.Frozen;
using Harness.Broker.Protocol;

namespace Harness.Broker.Network;

/// <summary>Finds the handler for an API key; the same handlers serve every broker of every cluster.</summary>
internal sealed class RequestDispatcher
{
    private readonly FrozenDictionary<ApiKey, IApiHandler> _handlers;

    public RequestDispatcher(IEnumerable<IApiHandler> handlers)
    {
        _handlers = handlers.ToFrozenDictionary(h => h.Key);
    }

    public IEnumerable<IApiHandler> Handlers => _handlers.Values.OrderBy(h => (short)h.Key);

    public IApiHandler? Find(ApiKey key) => _handlers.GetValueOrDefault(key);
}
