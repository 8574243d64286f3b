using System.Runtime.InteropServices;
using Harness.Load.Bench;
using Harness.Bench.Support;

// load-bench [--records N] [--value-bytes N] [--partitions N] [--brokers N] [--runs N] [--producers N] [--only generator|kcat] [--markdown FILE]
//   Starts the embedded broker in a child process, then measures the load generator's maximum rate and kcat -P's
//   from a file, alternately, each into a fresh topic; the generator also in a child process on kcat's librdkafka.
// load-bench serve --brokers N
//   The broker child: runs a cluster, prints its bootstrap servers, then answers "create", "count", "cpu" and "quit" on stdin.
// load-bench generate --bootstrap SERVERS --topic NAME --warm-up-topic NAME [--records N] [--value-bytes N] [--partitions N] [--producers N]
//   The generator child, on the librdkafka HARNESS_LIBRDKAFKA names: warms up, prints "ready", waits for "go" on
//   stdin, measures one run and prints one line of figures (JSON).
if (args.Length > 0 && args[0] == "serve")
{
    return await BrokerServer.RunAsync(BenchArguments.ParseOrExit(() => BenchOptions.Parse(args[1..])).Brokers);
}

if (args.Length > 0 && args[0] == "generate")
{
    return await GenerateChild.RunAsync(BenchArguments.ParseOrExit(() => BenchOptions.Parse(args[1..])));
}

// Ctrl+C or SIGTERM stops the run and its children (a generator or kcat left running would send for minutes into a
// broker that is gone) and cleans up; a second signal ends this process at once.
using var cancellation = new CancellationTokenSource();
using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Cancel);
using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Cancel);
try
{
    return await BenchRun.RunAsync(BenchArguments.ParseOrExit(() => BenchOptions.Parse(args)), cancellation.Token);
}
catch (Exception) when (cancellation.IsCancellationRequested)
{
    // Whatever failed while stopping (Ctrl+C also reaches the children, so the broker may be gone first) is the stop.
    Console.Error.WriteLine("load-bench: cancelled");
    return 130;
}

void Cancel(PosixSignalContext context)
{
    context.Cancel = !cancellation.IsCancellationRequested;
    cancellation.Cancel();
}
