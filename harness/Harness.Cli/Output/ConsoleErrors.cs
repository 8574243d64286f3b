using Harness.Engine.Scenarios;

namespace Harness.Cli.Output;

/// <summary>Expected errors, printed one per line without a stack trace.</summary>
internal static class ConsoleErrors
{
    public static void Scenario(ScenarioException e)
    {
        if (e.Errors.Count == 0)
        {
            Console.Error.WriteLine(e.Message);
            return;
        }

        foreach (var error in e.Errors)
        {
            Console.Error.WriteLine(error.ToString());
        }
    }
}
