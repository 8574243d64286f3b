namespace Harness.Engine.Chaos;

/// <summary>Makes one API of one broker (or every broker) answer an error code for its next requests.</summary>
internal sealed class ErrorsFault(string id, string side, string api, short code, int count, BrokerSelector? selector) : IFault
{
    private string _target = $"{side} {(selector is null ? "every broker" : selector.ToString())}: {api} answers error {code} x{count}";

    public string Id { get; } = id;

    public string Kind => "errors";

    public string Target => _target;

    public Task StartAsync(FaultContext context, CancellationToken cancellation)
    {
        var faults = context.Cluster(side).Faults ?? throw new InvalidOperationException($"the {side} cluster cannot inject errors");
        int? broker = selector is null ? null : selector.Resolve(context, side);
        faults.InjectErrors(api, code, count, broker);
        if (broker is { } b)
        {
            _target = $"{side} broker {b}: {api} answers error {code} x{count}";
        }

        return Task.CompletedTask;
    }

    public Task RecoverAsync(FaultContext context, CancellationToken cancellation) => Task.CompletedTask;
}
