using System.Diagnostics;
using Harness.Hosting;
using Microsoft.Extensions.Time.Testing;

namespace Harness.Replicator.Tests.Hosting;

[Category("Integration")]
public sealed class ParentWatchTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    [Test]
    public async Task The_watch_completes_at_the_first_check_after_the_parent_ended_and_not_before()
    {
        using var parent = Process.Start("sleep", "60");
        var time = new FakeTimeProvider();
        var watch = ParentWatch.Of(parent.Id, time);
        watch.Should().NotBeNull("a running process is visible");

        var exited = watch!.WaitForExitAsync(CancellationToken.None);
        for (var i = 0; i < 5; i++)
        {
            time.Advance(TimeSpan.FromSeconds(1));
        }

        exited.IsCompleted.Should().BeFalse("the parent is still running");
        parent.Kill();
        await parent.WaitForExitAsync();

        // Each advance lets one check run; the check that sees the parent gone ends the watch.
        var deadline = Stopwatch.StartNew();
        while (!exited.IsCompleted && deadline.Elapsed < Timeout)
        {
            time.Advance(TimeSpan.FromSeconds(1));
            await Task.WhenAny(exited, Task.Delay(20));
        }

        exited.IsCompletedSuccessfully.Should().BeTrue("the parent is gone");
    }

    [Test]
    public async Task Cancelling_ends_the_watch_of_a_parent_that_is_still_running()
    {
        using var parent = Process.Start("sleep", "60");
        using var cancellation = new CancellationTokenSource();
        var watch = ParentWatch.Of(parent.Id, new FakeTimeProvider())!;

        var exited = watch.WaitForExitAsync(cancellation.Token);
        await cancellation.CancelAsync();

        await FluentActions.Awaiting(() => exited).Should().ThrowAsync<OperationCanceledException>();
        parent.Kill();
    }

    [Test]
    public async Task A_process_that_is_not_visible_is_not_watched()
    {
        using var ended = Process.Start("true");
        await ended.WaitForExitAsync();

        ParentWatch.Of(ended.Id).Should().BeNull("a process that already ended cannot be told apart from one in another PID namespace");
        ParentWatch.Of(0).Should().BeNull();
        ParentWatch.Of(-1).Should().BeNull();
    }
}
