using Harness.Engine.Runs;
using Harness.Reports.Model;

namespace Harness.Cli.Output;

/// <summary>What one redraw of the live view shows; immutable, so it is drawn without holding any lock.</summary>
/// <param name="Phase">The current phase.</param>
/// <param name="Elapsed">Time since the run started.</param>
/// <param name="Sample">The latest sample, or null before the first one.</param>
/// <param name="Checks">Checks settled so far, in the order they settled.</param>
internal sealed record LiveViewFrame(string Phase, TimeSpan Elapsed, ProgressSnapshot? Sample, IReadOnlyList<CheckResult> Checks);
