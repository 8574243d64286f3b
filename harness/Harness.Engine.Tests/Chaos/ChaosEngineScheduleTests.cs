using Harness.Engine.Chaos;
using Harness.Engine.Load;
using Harness.Engine.Runs;
using Harness.Engine.Scenarios;
using Harness.Engine.Tests.Orchestration;

namespace Harness.Engine.Tests.Chaos;

/// <summary>When the chaos engine starts and recovers faults (<c>at</c>, <c>for</c>), on a stepped fake clock.</summary>
public sealed class ChaosEngineScheduleTests
{
    [Test]
    public async Task A_fault_starts_at_its_time_into_the_load_and_recovers_after_its_duration()
    {
        var time = new SteppedClock();
        var clock = new RunClock(time);

        // The clusters took 3s to start: `at` counts from the start of the load, the records from the start of the run.
        time.Advance(TimeSpan.FromSeconds(3));
        var fault = new RecordingFault("f1");
        var engine = new ChaosEngine([new ScheduledFault(fault, FaultTrigger.AtTime(TimeSpan.FromSeconds(10)), TimeSpan.FromSeconds(5), false)],
            FaultContexts.On(clock), new LoadCounters());

        await time.RunAsync(Finished(engine.RunAsync(Never(), CancellationToken.None)), TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(60));

        (await fault.Started).Should().Be(TimeSpan.FromSeconds(13));
        fault.Recovered.Should().Be(TimeSpan.FromSeconds(18));
        engine.Records.Should().ContainSingle().Which.Should().Be(new FaultRecord("f1", "recording", "nothing", 13, 18, "recovered after 5s"));
        engine.Active.Should().Be(0);
        engine.Done.Should().Be(1);
    }

    [Test]
    public async Task A_fault_starts_on_the_first_poll_at_its_time_not_a_poll_early()
    {
        var time = new SteppedClock();
        var poll = TimeSpan.FromMilliseconds(50);
        var fault = new RecordingFault("f1");
        var engine = new ChaosEngine([new ScheduledFault(fault, FaultTrigger.AtTime(TimeSpan.FromSeconds(2)), poll, false)],
            FaultContexts.On(new RunClock(time)), new LoadCounters());

        // Steps as small as the engine's poll (and a duration of one step, so one stepped sleep ends it).
        await time.RunAsync(Finished(engine.RunAsync(Never(), CancellationToken.None)), poll, TimeSpan.FromSeconds(10));

        (await fault.Started).Should().Be(TimeSpan.FromSeconds(2));
        fault.Recovered.Should().Be(TimeSpan.FromSeconds(2) + poll);
    }

    [Test]
    public async Task A_fault_without_a_duration_recovers_when_the_load_ends_not_when_time_passes()
    {
        var time = new SteppedClock();
        var load = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var fault = new RecordingFault("f1");
        var engine = new ChaosEngine([new ScheduledFault(fault, FaultTrigger.AtTime(TimeSpan.FromSeconds(5)), null, false)],
            FaultContexts.On(new RunClock(time)), new LoadCounters());

        var running = engine.RunAsync(load.Task, CancellationToken.None);
        (await time.RunAsync(fault.Started, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(30))).Should().Be(TimeSpan.FromSeconds(5));
        time.Advance(TimeSpan.FromMinutes(10));
        fault.Recovered.Should().BeNull("nothing but the end of the load recovers a fault without `for`");

        load.SetResult();
        await running;

        fault.Recovered.Should().Be(TimeSpan.FromSeconds(605));
        engine.Records.Should().ContainSingle().Which.Note.Should().Be("no `for`: recovered when the load ended");
    }

    [Test]
    public async Task A_fault_interrupted_during_its_duration_is_still_recovered()
    {
        var time = new SteppedClock();
        var fault = new RecordingFault("f1");
        var engine = new ChaosEngine([new ScheduledFault(fault, FaultTrigger.AtTime(TimeSpan.Zero), TimeSpan.FromMinutes(5), false)],
            FaultContexts.On(new RunClock(time)), new LoadCounters());
        using var stop = new CancellationTokenSource();

        var running = engine.RunAsync(Never(), stop.Token);
        (await fault.Started).Should().Be(TimeSpan.Zero);
        time.Advance(TimeSpan.FromMinutes(1));
        await stop.CancelAsync();
        await running;

        fault.Recovered.Should().Be(TimeSpan.FromMinutes(1));
        engine.Records.Should().ContainSingle().Which.Should().Be(new FaultRecord("f1", "recording", "nothing", 0, 60, "interrupted; recovered"));
    }

    [Test]
    public async Task A_fault_anchored_to_a_cutover_step_starts_its_delay_after_the_step_ended_however_late_that_was()
    {
        var time = new SteppedClock();
        var clock = new RunClock(time);

        // The load ended at once and the consumers moved at 4 s: neither is the anchor. The producers move at 21 s.
        var cutover = new ScriptedCutover(clock, new Dictionary<CutoverAction, double> { [CutoverAction.MoveConsumers] = 4, [CutoverAction.MoveProducers] = 21 }, 30);
        var fault = new RecordingFault("f1");
        var engine = new ChaosEngine([new ScheduledFault(fault, FaultTrigger.AfterCutoverStep(CutoverAction.MoveProducers, TimeSpan.FromSeconds(2)), TimeSpan.FromSeconds(1), false)],
            FaultContexts.On(clock) with { Cutover = cutover }, new LoadCounters());

        // Steps of a second: the fault's one-second duration is one stepped sleep.
        await time.RunAsync(Finished(engine.RunAsync(Task.CompletedTask, CancellationToken.None)), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(60));

        (await fault.Started).Should().Be(TimeSpan.FromSeconds(23));
        fault.Recovered.Should().Be(TimeSpan.FromSeconds(24));
    }

    [Test]
    public async Task A_fault_anchored_to_a_step_the_cutover_never_ran_is_skipped_when_the_cutover_finishes()
    {
        var time = new SteppedClock();
        var clock = new RunClock(time);
        var cutover = new ScriptedCutover(clock, new Dictionary<CutoverAction, double> { [CutoverAction.MoveConsumers] = 1 }, 5);
        var fault = new RecordingFault("f1");
        var engine = new ChaosEngine([new ScheduledFault(fault, FaultTrigger.AfterCutoverStep(CutoverAction.StopReplicator, TimeSpan.Zero), null, false)],
            FaultContexts.On(clock) with { Cutover = cutover }, new LoadCounters());

        await time.RunAsync(Finished(engine.RunAsync(Task.CompletedTask, CancellationToken.None)), TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(10));

        fault.Started.IsCompleted.Should().BeFalse();
        var record = engine.Records.Should().ContainSingle().Subject;
        record.Note.Should().Be("skipped: the cut-over ended without a stopReplicator step");
        clock.Elapsed.Should().Be(TimeSpan.FromSeconds(5), "it waits for the cut-over, not for the load, which ended at once");
    }

    private static Task Never() => new TaskCompletionSource().Task;

    private static async Task<bool> Finished(Task task)
    {
        await task;
        return true;
    }
}
