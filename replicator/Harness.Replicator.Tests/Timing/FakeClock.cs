using Harness.Testing;
using Microsoft.Extensions.Time.Testing;

namespace Harness.Replicator.Tests.Timing;

/// <summary>
/// Moves a <see cref="FakeTimeProvider"/> and then waits, in real time but only up to a deadline, for what that
/// move makes due: the code under test resumes on other threads after a timer fires.
/// </summary>
internal static class FakeClock
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(15);

    /// <summary>Where the timing tests' clocks start: far from the real time, so a real-clock read stands out.</summary>
    public static DateTimeOffset Start { get; } = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static async Task AdvanceUntilAsync(FakeTimeProvider time, TimeSpan by, Func<bool> done, string because)
    {
        time.Advance(by);
        await WaitAsync(done, because).ConfigureAwait(false);
    }

    public static Task WaitAsync(Func<bool> done, string because) => Eventually.TrueAsync(done, Patience, because);
}
