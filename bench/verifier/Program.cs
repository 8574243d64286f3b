using Harness.Verifier.Bench;
using Harness.Bench.Support;

// verifier-bench [--records N] [--partitions N] [--value-bytes N] [--brokers N] [--runs N] [--markdown FILE]
//   Starts the embedded cluster in a child process, fills one topic with stamped records through the load generator,
//   then times kcat -C -e and the verifier reading it, alternately; the verifier runs in a child process of its own.
// verifier-bench serve --brokers N
//   The broker child: runs a cluster, prints its bootstrap servers, then answers "create", "marks", "cpu" and "quit".
// verifier-bench memory [--records N] [--partitions N] [--producers N] [--batch N]
//   No broker: the managed bytes per record the ledger and the verifier's state keep, from synthetic records.
// verifier-bench verify --bootstrap SERVERS --topic NAME --partitions N --ledger FILE --ends E0,E1,...
//   The verifier child: verifies the topic against the ledger and prints one line of figures.
if (args.Length > 0 && args[0] == "serve")
{
    return await BrokerServer.RunAsync(BenchArguments.ParseOrExit(() => BenchOptions.Parse(args[1..])).Brokers);
}

if (args.Length > 0 && args[0] == "memory")
{
    return MemoryRun.Run(args[1..]);
}

if (args.Length > 0 && args[0] == "verify")
{
    return await VerifyChild.RunAsync(BenchArguments.ParseOrExit(() => BenchOptions.Parse(args[1..])));
}

return await BenchRun.RunAsync(BenchArguments.ParseOrExit(() => BenchOptions.Parse(args)));
