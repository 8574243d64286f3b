using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;

namespace Harness.Replicator.Host;

/// <summary>The options of harness-replicator; the harness starts it with <c>--config F --state-dir D --metrics-file M</c>.</summary>
internal static class ReplicatorCommand
{
    private const string Description = """
        harness-replicator: the built-in MM2-semantics replicator the harness runs as a child process.
        Exit codes: 0 stopped cleanly (SIGTERM/SIGINT flush, write offset syncs and save progress), 1 replication
        failed, 2 bad configuration, 3 a cluster could not be reached.
        """;

    /// <summary>The root command; its action runs <paramref name="run"/> with the parsed options.</summary>
    public static RootCommand Create(Func<HostOptions, CancellationToken, Task<int>> run)
    {
        var config = new Option<string>("--config") { Description = "MM2-style properties (clusters, <alias>.bootstrap.servers, <src>-><tgt>.enabled, topics, ...)", HelpName = "FILE" };
        var fromEnvironment = new Option<bool>("--from-env")
        {
            Description = "Build the flow from HARNESS_SOURCE_BOOTSTRAP, HARNESS_TARGET_BOOTSTRAP, HARNESS_TOPICS, HARNESS_SOURCE_ALIAS, "
                + "HARNESS_TARGET_ALIAS and HARNESS_POLICY (the harness `command` contract)",
        };
        var set = new Option<string[]>("--set") { Description = "Add or override one property (repeatable)", HelpName = "KEY=VALUE" };
        set.Validators.Add(result =>
        {
            foreach (var token in result.Tokens.Where(t => t.Value.IndexOf('=', StringComparison.Ordinal) <= 0))
            {
                result.AddError($"--set {token.Value}: expected KEY=VALUE");
            }
        });
        var flow = new Option<string>("--flow") { Description = "The flow to run when several are enabled", HelpName = "SRC->TGT" };
        var stateDirectory = new Option<string>("--state-dir") { Description = "Where the control.port file is written (copy progress is kept in the target's offsets topic, as MirrorMaker 2 keeps it)", HelpName = "DIR", DefaultValueFactory = _ => "replicator-state" };
        var metricsFile = new Option<string>("--metrics-file") { Description = "Append one JSON line of metrics per interval (see --metrics-interval-ms)", HelpName = "FILE" };
        var metricsInterval = new Option<int>("--metrics-interval-ms")
        {
            Description = "Metrics sampling interval",
            HelpName = "N",
            DefaultValueFactory = _ => 1000,
            CustomParser = result => Number(result, 10, int.MaxValue, "expected milliseconds, at least 10"),
        };
        var metricsPort = PortOption("--metrics-port", "Serve Prometheus metrics on http://127.0.0.1:N/metrics (0 = off)");
        var controlPort = PortOption("--control-port", "Control endpoint on 127.0.0.1:N (0 = a free port); the port is written to <state-dir>/control.port. "
            + "GET /status, POST /pause, POST /resume, POST /ballast?mib=N");

        var root = new RootCommand(Description) { config, fromEnvironment, set, flow, stateDirectory, metricsFile, metricsInterval, metricsPort, controlPort };
        root.Validators.Add(result =>
        {
            if ((result.GetResult(config) is null) == !result.GetValue(fromEnvironment))
            {
                result.AddError("give exactly one of --config FILE or --from-env");
            }
        });
        root.SetAction((parse, cancellation) => run(
            new HostOptions
            {
                ConfigFile = parse.GetValue(config),
                FromEnvironment = parse.GetValue(fromEnvironment),
                Overrides = (parse.GetValue(set) ?? []).Select(Pair).ToList(),
                Flow = parse.GetValue(flow),
                StateDirectory = parse.GetValue(stateDirectory)!,
                MetricsFile = parse.GetValue(metricsFile),
                MetricsInterval = TimeSpan.FromMilliseconds(parse.GetValue(metricsInterval)),
                MetricsPort = parse.GetValue(metricsPort),
                ControlPort = parse.GetValue(controlPort),
            },
            cancellation));
        return root;
    }

    private static Option<int> PortOption(string name, string description) => new(name)
    {
        Description = description,
        HelpName = "N",
        DefaultValueFactory = _ => 0,
        CustomParser = result => Number(result, 0, 65535, "expected a port number 0-65535"),
    };

    private static int Number(ArgumentResult result, int minimum, int maximum, string expected)
    {
        var text = result.Tokens.Count == 1 ? result.Tokens[0].Value : "";
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= minimum && value <= maximum)
        {
            return value;
        }

        // Named as the user wrote it, so the one line says which option to fix.
        var option = result.Parent is OptionResult parent ? parent.Option.Name : "value";
        result.AddError($"{option} {text}: {expected}");
        return 0;
    }

    private static (string Key, string Value) Pair(string pair)
    {
        var equals = pair.IndexOf('=', StringComparison.Ordinal);
        return (pair[..equals].Trim(), pair[(equals + 1)..].Trim());
    }
}
