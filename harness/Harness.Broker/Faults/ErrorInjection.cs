using Harness.Broker.Protocol;

namespace Harness.Broker.Faults;

/// <summary>Makes one API answer <see cref="Error"/> for its next <see cref="Remaining"/> requests.</summary>
internal sealed class ErrorInjection(ApiKey api, ErrorCode error, int count)
{
    private int _remaining = count;

    public ApiKey Api { get; } = api;

    public ErrorCode Error { get; } = error;

    public int Remaining => Volatile.Read(ref _remaining);

    /// <summary>Claims one injected failure; false once all have been used.</summary>
    public bool TryTake() => Interlocked.Decrement(ref _remaining) >= 0;
}
