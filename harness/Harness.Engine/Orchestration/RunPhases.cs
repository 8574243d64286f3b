
namespace Harness.Engine.Orchestration;

/// <summary>The phases of a rehearsal, in order. A new phase is one file and one line here.</summary>
internal static class RunPhases
{
    public static IReadOnlyList<IRunPhase> All { get; } =
    [
        new StartClustersPhase(),
        new PreflightPhase(),
        new PrepareTopicsPhase(),
        new StartReplicatorPhase(),
        new AppsPhase(),
        new LoadPhase(),
        new CutoverPhase(),
        new ConsumerGroupsPhase(),
        new DrainPhase(),
        new CheckpointsPhase(),
        new StopReplicatorPhase(),
        new VerifyPhase(),
        new ServiceLevelsPhase(),
        new OffsetTranslationPhase(),
        new SwitchoverPhase(),
    ];
}
