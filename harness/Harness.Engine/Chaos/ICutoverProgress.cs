using Harness.Engine.Scenarios;

namespace Harness.Engine.Chaos;

/// <summary>The cut-over as the chaos engine sees it, for faults anchored to a step (<c>at: after moveProducers</c>).</summary>
internal interface ICutoverProgress
{
    /// <summary>Whether every step has run (or the timeline gave up): a step not ended by then never will.</summary>
    bool Finished { get; }

    /// <summary>Run seconds at which the first step doing <paramref name="action"/> ended; null while none has.</summary>
    double? EndedSeconds(CutoverAction action);
}
