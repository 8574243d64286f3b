using System.CommandLine;
using System.Runtime.InteropServices;
using Harness.Replicator.Host;

// harness-replicator: the built-in MM2-semantics replicator, run by the harness as a child process.
// Exit codes: 0 stopped cleanly, 1 replication failed, 2 bad configuration, 3 a cluster could not be reached.

// First thing: a SIGTERM that arrives while starting up still means "stop cleanly", never the default kill.
using var stopping = new CancellationTokenSource();
using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context => { context.Cancel = true; stopping.Cancel(); });
using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, context => { context.Cancel = true; stopping.Cancel(); });

var root = ReplicatorCommand.Create(ReplicatorHost.RunAsync);
root.Subcommands.Add(ConnectCommand.Create(ConnectHost.RunAsync));
var parse = root.Parse(args);
if (parse.Errors.Count > 0)
{
    // Bad input is exit 2 in one line, as the harness reads the replicator's last line as its reason to stop.
    ReplicatorHost.Log(string.Join("; ", parse.Errors.Select(e => e.Message.TrimEnd('.'))) + "; see --help");
    return 2;
}

// The signals above stop the run gracefully (flush, offset syncs, progress), which may take longer than
// System.CommandLine's own termination timeout would wait.
return await parse.InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = null }, stopping.Token).ConfigureAwait(false);
