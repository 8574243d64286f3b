
namespace Harness.Engine.Chaos;

/// <summary>
/// A rolling restart of an app's consumers (<c>rollingRestart: {app, every}</c>): members leave and rejoin one by one,
/// <c>every</c> apart, on whichever cluster the group reads; the group rebalances at each step.
/// </summary>
internal sealed class RollingRestartFault(string id, string app, TimeSpan every) : IFault
{
    public string Id { get; } = id;

    public string Kind => "rollingRestart";

    public string Target => $"app {app} consumers";

    public bool Instant => true;

    public Task StartAsync(FaultContext context, CancellationToken cancellation)
    {
        var apps = context.Apps ?? throw new InvalidOperationException("the run has no apps");
        return apps.Groups[app].RollAsync(every, context.Clock.Time, apps.Stopping, cancellation);
    }

    public Task RecoverAsync(FaultContext context, CancellationToken cancellation) => Task.CompletedTask;
}
