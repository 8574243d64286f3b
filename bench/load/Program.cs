using Harness.Load.Bench;
using Harness.Bench.Support;

// load-bench [--records N] [--value-bytes N] [--partitions N] [--brokers N] [--runs N] [--producers N] [--markdown FILE]
//   Starts the embedded broker in a child process, then measures the load generator's maximum rate and kcat -P's
//   from a file, alternately, each into a fresh topic.
// load-bench serve --brokers N
//   The child: runs a cluster, prints its bootstrap servers, then answers "create", "count", "cpu" and "quit" on stdin.
if (args.Length > 0 && args[0] == "serve")
{
    return await BrokerServer.RunAsync(BenchOptions.Parse(args[1..]).Brokers);
}

return await BenchRun.RunAsync(BenchOptions.Parse(args));
