using Microsoft.Extensions.Time.Testing;

namespace Harness.Engine.Tests.Orchestration;

/// <summary>
/// A fake clock that moves only when the code under test is waiting on it: each step waits until a timer was created
/// (the code polled and went to sleep), then advances. Deadlines pass without real waiting, and a poll can never be
/// skipped by a clock that ran ahead of it.
/// </summary>
internal sealed class SteppedClock : FakeTimeProvider
{
    private readonly SemaphoreSlim _timers = new(0);

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = base.CreateTimer(callback, state, dueTime, period);
        _timers.Release();
        return timer;
    }

    /// <summary>Steps the clock by <paramref name="step"/> each time <paramref name="wait"/> sleeps, until it finishes or <paramref name="limit"/> of fake time passed.</summary>
    public async Task<T> RunAsync<T>(Task<T> wait, TimeSpan step, TimeSpan limit)
    {
        var start = GetUtcNow();
        while (!wait.IsCompleted)
        {
            using var abandon = new CancellationTokenSource();
            var slept = _timers.WaitAsync(TimeSpan.FromSeconds(10), abandon.Token);
            if (await Task.WhenAny(wait, slept) == wait)
            {
                // A sleep this step no longer waits for belongs to the next RunAsync: left waiting, it would swallow it,
                // and that RunAsync would wait for a sleep that already happened.
                await abandon.CancelAsync();
                await slept.ContinueWith(s => { if (s.IsCompletedSuccessfully && s.Result) { _timers.Release(); } }, TaskScheduler.Default);
                break;
            }

            (await slept).Should().BeTrue("the code under test should either finish or wait on the clock");
            (GetUtcNow() - start).Should().BeLessThan(limit, "the wait should have ended by then on its own");
            Advance(step);
        }

        return await wait;
    }
}
