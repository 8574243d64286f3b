namespace Harness.Cli.Output;

/// <summary>A line the live view prints above itself, where it stays in the terminal's scrollback.</summary>
/// <param name="At">Time since the run started.</param>
/// <param name="Text">What happened.</param>
/// <param name="IsPhase">Whether the line announces a new phase (drawn as a heading) rather than an event.</param>
internal sealed record LiveViewLine(TimeSpan At, string Text, bool IsPhase);
