using System.CommandLine;
using Harness.Cli.Output;
using Harness.Engine;
using Harness.Engine.Chaos;
using Harness.Engine.Runs;
using Harness.Engine.Scenarios;
using Harness.Engine.Sizing;

namespace Harness.Cli.Commands;

/// <summary>`harness validate FILE...`: checks scenario files without running anything.</summary>
internal static class ValidateCommand
{
    public static Command Create()
    {
        var files = new Argument<string[]>("scenarios") { Description = "Scenario files to check", Arity = ArgumentArity.OneOrMore };
        var command = new Command("validate", "Check scenario files: every error with file:line:column and the expected shape.") { files };
        command.SetAction(parse =>
        {
            var failed = 0;
            foreach (var file in parse.GetValue(files)!)
            {
                try
                {
                    var scenario = ScenarioLoader.LoadFile(file);
                    FaultPlan.Validate(scenario);
                    SizingSpecReader.Read(File.ReadAllText(file), file); // the sizing section `harness size` reads, if any
                    Console.Out.WriteLine($"{file}: ok ({scenario.Name}: {scenario.Topics.Count} topics, {scenario.Faults.Count} faults)");
                }
                catch (ScenarioException e)
                {
                    // Every file is checked: one file's problems must not hide the next one's.
                    ConsoleErrors.Print(e);
                    failed++;
                }
            }

            return failed == 0 ? ExitCodes.Passed : ExitCodes.BadInput;
        });
        return command;
    }
}
