using Harness.Engine.Chaos;
using Harness.Engine.Runs;
using Harness.Engine.Tests.Orchestration;

namespace Harness.Engine.Tests.Chaos;

/// <summary>How the heap-pressure fault grows its ballast over its duration, on a stepped fake clock.</summary>
public sealed class HeapPressureFaultTests
{
    [Test]
    public async Task The_ballast_grows_in_step_with_the_clock_to_its_fraction_of_the_limit_and_recovery_frees_it()
    {
        var time = new SteppedClock();
        var ballast = new RecordingBallast(awaited: 50);
        var context = FaultContexts.On(new RunClock(time), new ScriptedReplicator(ballast: ballast));
        var fault = new HeapPressureFault("f1", limitMiB: 100, fraction: 0.5, over: TimeSpan.FromSeconds(2), ballast: true);

        await fault.StartAsync(context, CancellationToken.None);
        await time.RunAsync(ballast.Reached, TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(10));
        await fault.RecoverAsync(context, CancellationToken.None);

        ballast.Sizes.Should().Equal(0, 12, 25, 37, 50, 0);
    }
}
