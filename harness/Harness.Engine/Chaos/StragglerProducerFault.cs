using System.Globalization;

namespace Harness.Engine.Chaos;

/// <summary>
/// A straggler (<c>stragglerProducer: {app, rate, records}</c>): an instance of the app nobody moved, writing to the
/// source's copy of the app's topics once the app's producers have moved, while the fault lasts (or until it has
/// written <c>records</c>: such a straggler outlives the fault, and the cut-over waits for it before measuring).
/// </summary>
internal sealed class StragglerProducerFault(string id, string app, double rate, long? records) : IFault
{
    private CancellationTokenSource? _stop;
    private Task? _writing;

    public string Id { get; } = id;

    public string Kind => "stragglerProducer";

    public string Target => string.Create(CultureInfo.InvariantCulture, $"app {app} on the source, {rate} records/s{(records is { } n ? $", {n} records" : "")}");

    public Task StartAsync(FaultContext context, CancellationToken cancellation)
    {
        var apps = context.Apps ?? throw new InvalidOperationException("the run has no apps");
        _stop = CancellationTokenSource.CreateLinkedTokenSource(apps.Stopping);
        _writing = apps.StraggleAsync(app, rate, records, _stop.Token);
        return Task.CompletedTask;
    }

    public async Task RecoverAsync(FaultContext context, CancellationToken cancellation)
    {
        if (_stop is null || _writing is null)
        {
            return;
        }

        // A straggler with a record count stops on its own, and the apps wait for it; one without stops when the fault ends.
        if (records is null)
        {
            await _stop.CancelAsync().ConfigureAwait(false);
            await _writing.ConfigureAwait(false);
        }
    }
}
