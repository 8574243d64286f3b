using Harness.Bench.Support;
using Harness.Replicator.Bench;

// replicator-bench [--records N] [--value-bytes N] [--partitions N] [--brokers N] [--tasks 1,2,4] [--no-kcat] [--markdown FILE]
//   Runs a source and a target embedded cluster in a child process, fills the source, then measures how fast the
//   kcat pipe (kcat -C | kcat -P) and the built-in replicator (harness-replicator, tasks 1, 2, 4) copy it.
// replicator-bench serve --brokers N
//   The child: runs the two clusters, prints their bootstrap servers, then answers "create", "count", "stats" and
//   "quit" on stdin.
if (args.Length > 0 && args[0] == "serve")
{
    return await ClusterServer.RunAsync(BenchArguments.ParseOrExit(() => BenchOptions.Parse(args[1..])));
}

return await BenchRun.RunAsync(BenchArguments.ParseOrExit(() => BenchOptions.Parse(args)));
