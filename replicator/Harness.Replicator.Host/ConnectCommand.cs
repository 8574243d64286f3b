using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;

namespace Harness.Replicator.Host;

/// <summary>The <c>connect</c> subcommand: a Kafka Connect REST stand-in worker running MirrorMaker 2's connectors as built-in flows.</summary>
internal static class ConnectCommand
{
    private const string Description = """
        A Kafka Connect distributed worker stand-in: serves the part of Connect's REST API used for MirrorMaker 2's
        connectors (MirrorSourceConnector, MirrorCheckpointConnector, MirrorHeartbeatConnector) and runs each connector
        as a built-in flow. One worker per Connect group. Exit codes: 0 stopped cleanly (SIGTERM/SIGINT), 2 bad
        configuration or port in use or another live worker in the group, 3 the worker's Kafka cluster could not be reached.
        """;

    /// <summary>The subcommand; its action runs <paramref name="run"/> with the parsed options.</summary>
    public static Command Create(Func<ConnectOptions, CancellationToken, Task<int>> run)
    {
        var workerConfig = new Option<string>("--worker-config") { Description = "Connect distributed worker properties (bootstrap.servers, group.id, *.storage.topic, listeners, converters)", HelpName = "FILE" };
        var bootstrap = new Option<string>("--bootstrap-servers") { Description = "The Kafka cluster of the worker's topics (required without --worker-config; wins over its bootstrap.servers)", HelpName = "HOST:PORT" };
        var port = new Option<int?>("--port")
        {
            Description = "REST port on 127.0.0.1 (0 = a free port); overrides the worker config's listeners (default 8083)",
            HelpName = "N",
            CustomParser = result => Number(result),
        };
        var metricsPort = new Option<int>("--metrics-port")
        {
            Description = "Serve Prometheus metrics of every running connector on http://127.0.0.1:N/metrics (0 = off)",
            HelpName = "N",
            DefaultValueFactory = _ => 0,
            CustomParser = result => Number(result) ?? 0,
        };
        var stateDirectory = new Option<string>("--state-dir") { Description = "Where rest.port is written once the worker listens", HelpName = "DIR" };
        var command = new Command("connect", Description) { workerConfig, bootstrap, port, metricsPort, stateDirectory };
        command.Validators.Add(result =>
        {
            if (result.GetResult(workerConfig) is null && result.GetResult(bootstrap) is null)
            {
                result.AddError("give --worker-config FILE or --bootstrap-servers HOST:PORT");
            }
        });
        command.SetAction((parse, cancellation) => run(
            new ConnectOptions
            {
                WorkerConfigFile = parse.GetValue(workerConfig),
                BootstrapServers = parse.GetValue(bootstrap),
                Port = parse.GetValue(port),
                MetricsPort = parse.GetValue(metricsPort),
                StateDirectory = parse.GetValue(stateDirectory),
            },
            cancellation));
        return command;
    }

    private static int? Number(ArgumentResult result)
    {
        var text = result.Tokens.Count == 1 ? result.Tokens[0].Value : "";
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value <= 65535)
        {
            return value;
        }

        var option = result.Parent is OptionResult parent ? parent.Option.Name : "value";
        result.AddError($"{option} {text}: expected a port number 0-65535");
        return null;
    }
}
