using Harness.Engine.Clusters;

namespace Harness.Engine.Chaos;

/// <summary>
/// The broker faults: kill (restarted on recovery), restart (kill and start at once), hang (resumed on
/// recovery) and latency (removed on recovery). The broker is resolved when the fault fires.
/// </summary>
internal sealed class BrokerFault(string id, string kind, string side, BrokerSelector selector, TimeSpan latency) : IFault
{
    private int _broker = -1;

    public string Id { get; } = id;

    public string Kind => kind;

    public string Target => _broker < 0 ? $"{side} {selector}" : $"{side} broker {_broker}" + (kind == "latency" ? $" (+{latency.TotalMilliseconds:0} ms)" : "");

    public Task StartAsync(FaultContext context, CancellationToken cancellation)
    {
        var faults = Faults(context);
        _broker = selector.Resolve(context, side);
        switch (kind)
        {
            case "killBroker":
                faults.KillBroker(_broker);
                break;
            case "restartBroker":
                faults.KillBroker(_broker);
                faults.RestartBroker(_broker);
                break;
            case "hangBroker":
                faults.HangBroker(_broker);
                break;
            case "latency":
                faults.SetLatency(_broker, latency);
                break;
        }

        return Task.CompletedTask;
    }

    public Task RecoverAsync(FaultContext context, CancellationToken cancellation)
    {
        var faults = Faults(context);
        switch (kind)
        {
            case "killBroker":
                faults.RestartBroker(_broker);
                break;
            case "hangBroker":
                faults.ResumeBroker(_broker);
                break;
            case "latency":
                faults.SetLatency(_broker, TimeSpan.Zero);
                break;
        }

        return Task.CompletedTask;
    }

    private IClusterFaults Faults(FaultContext context) =>
        context.Cluster(side).Faults ?? throw new InvalidOperationException($"the {side} cluster cannot inject broker faults");
}
