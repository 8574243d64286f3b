using Harness.Reports.Model;

namespace Harness.Engine.Runs;

/// <summary>Receives the live state of a run (the CLI draws it; tests ignore it).</summary>
public interface IRunProgress
{
    /// <summary>A new phase began.</summary>
    void Phase(string phase);

    /// <summary>A periodic sample during load and drain.</summary>
    void Sample(ProgressSnapshot snapshot);

    /// <summary>A notable event (a fault, a restart, a warning).</summary>
    void Event(string message);

    /// <summary>A check settled: its verdict will not change for the rest of the run.</summary>
    void Check(CheckResult check);
}
