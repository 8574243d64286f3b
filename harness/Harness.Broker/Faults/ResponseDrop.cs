using Harness.Broker.Protocol;

namespace Harness.Broker.Faults;

/// <summary>Loses the responses of the next <see cref="Remaining"/> requests (of one API, or of any when null).</summary>
internal sealed class ResponseDrop(ApiKey? api, int count)
{
    private int _remaining = count;

    public ApiKey? Api { get; } = api;

    public int Remaining => Math.Max(0, Volatile.Read(ref _remaining));

    /// <summary>Claims one lost response for a request of <paramref name="api"/>; false when this drop does not apply or is used up.</summary>
    public bool TryTake(ApiKey api)
    {
        if (Api is { } only && only != api)
        {
            return false;
        }

        while (true)
        {
            var current = Volatile.Read(ref _remaining);
            if (current <= 0)
            {
                return false;
            }

            if (Interlocked.CompareExchange(ref _remaining, current - 1, current) == current)
            {
                return true;
            }
        }
    }
}
