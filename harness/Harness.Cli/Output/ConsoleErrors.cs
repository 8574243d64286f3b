using Harness.Engine.Runs;

namespace Harness.Cli.Output;

/// <summary>Expected errors, printed one per line without a stack trace.</summary>
internal static class ConsoleErrors
{
    /// <summary>Prints every line of <paramref name="error"/>; a scenario's located problems keep their file:line:column form.</summary>
    public static void Print(HarnessException error)
    {
        foreach (var line in error.Lines)
        {
            Console.Error.WriteLine(error is Harness.Engine.Scenarios.ScenarioException ? line : $"harness: {line}");
        }
    }
}
