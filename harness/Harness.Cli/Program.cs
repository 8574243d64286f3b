using Harness.Cli;

// The CLI is thin: parse, call the engine, map outcomes to exit codes.
return await HarnessCommands.Build().Parse(args).InvokeAsync().ConfigureAwait(false);
