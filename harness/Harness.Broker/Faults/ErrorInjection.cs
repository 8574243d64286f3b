using Harness.Broker.Protocol;

namespace Harness.Broker.Faults;

/// <summary>Makes one API answer <see cref="Error"/> for its next <see cref="Remaining"/> requests.</summary>
internal sealed class ErrorInjection(ApiKey api, ErrorCode error, int count)
{
    private int _remaining = count;

    public ApiKey Api { get; } = api;

    public ErrorCode Error { get; } = error;

    public int Remaining => Math.Max(0, Volatile.Read(ref _remaining));

    /// <summary>Claims one injected failure; false once all have been used.</summary>
    public bool TryTake()
    {
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
