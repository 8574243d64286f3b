namespace Harness.Testing;

/// <summary>How an external client tool ended and what it printed.</summary>
public sealed record ProcessOutcome(int ExitCode, bool TimedOut, string StandardOutput, string StandardError)
{
    public override string ToString() =>
        $"exit {ExitCode}{(TimedOut ? " (killed at the deadline)" : "")}\n--- stdout ---\n{Tail(StandardOutput)}\n--- stderr ---\n{Tail(StandardError)}";

    private static string Tail(string text) => text.Length <= 4000 ? text : "..." + text[^4000..];
}
