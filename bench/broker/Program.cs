using Harness.Broker.Bench;
using Harness.Bench.Support;

// broker-bench [--records N] [--value-bytes N] [--partitions N] [--brokers N] [--storage memory|disk] [--no-kcat] [--markdown FILE]
//   Starts the embedded broker in a child process (so its RSS is its own), then measures Confluent.Kafka and kcat
//   produce and consume throughput over loopback and the broker's memory against the bytes it stores.
// broker-bench serve --brokers N [--storage memory|disk]
//   The child: runs a cluster, prints its bootstrap servers, then answers "create", "stats" and "quit" on stdin.
if (args.Length > 0 && args[0] == "serve")
{
    var serve = BenchArguments.ParseOrExit(() => BenchOptions.Parse(args[1..]));
    return await BrokerServer.RunAsync(serve.Brokers, serve.Storage);
}

return await BenchRun.RunAsync(BenchArguments.ParseOrExit(() => BenchOptions.Parse(args)));
