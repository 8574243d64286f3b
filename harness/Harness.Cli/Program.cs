using System.CommandLine;
using Harness.Cli;
using Harness.Cli.Output;
using Harness.Engine.Runs;

// The CLI is thin: parse, call the engine, map outcomes to exit codes.
var parse = HarnessCommands.Build().Parse(args);
if (parse.Errors.Count > 0)
{
    // A bad command line is bad input (exit 2), never "a check failed" (exit 1), which CI would misread.
    foreach (var error in parse.Errors)
    {
        Console.Error.WriteLine($"harness: {error.Message}");
    }

    Console.Error.WriteLine("harness: see --help");
    return ExitCodes.BadInput;
}

if (Harness.RdKafka.LibraryResolver.CheckOverride() is { } libraryError)
{
    Console.Error.WriteLine($"harness: {libraryError}");
    return ExitCodes.Environment;
}

try
{
    // Expected failures are mapped here, once: System.CommandLine's own handler would print a stack trace and exit 1.
    // After Ctrl-C the run stops its replicator (up to its grace) and writes a partial report: System.CommandLine's
    // default of 2 s would end the process first on a busy machine, losing the report and leaving the cursor hidden.
    return await parse.InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false, ProcessTerminationTimeout = TimeSpan.FromSeconds(90) })
        .ConfigureAwait(false);
}
catch (HarnessException e)
{
    ConsoleErrors.Print(e);
    return e.ExitCode;
}
