using System.CommandLine;
using Harness.Engine;
using Harness.Engine.Capture;
using Harness.Engine.Runs;
using Harness.Engine.Scenarios;

namespace Harness.Cli.Commands;

/// <summary>`harness capture --bootstrap HOST:PORT -o profile.yaml`: profiles a live cluster, read-only, into a replayable scenario.</summary>
internal static class CaptureCommand
{
    public static Command Create()
    {
        var bootstrap = new Option<string>("--bootstrap", "-b") { Description = "Bootstrap servers of the cluster to profile, host:port[,host:port]", Required = true };
        var window = new Option<string>("--window", "-w") { Description = "How long to measure rates: 30s, 5m, 1h", DefaultValueFactory = _ => "5m" };
        var sample = new Option<int>("--sample") { Description = "Records sampled per topic for sizes, keys and headers (0: none)", DefaultValueFactory = _ => CaptureOptions.DefaultSample };
        var settings = new Option<string[]>("-X") { Description = "A librdkafka client setting, key=value (repeatable): security.protocol, sasl.*, ssl.*", Arity = ArgumentArity.ZeroOrMore };
        var name = new Option<string?>("--name") { Description = "The scenario's name (default: capture of BOOTSTRAP)" };
        var output = new Option<string>("--output", "-o") { Description = "Where to write the scenario", Required = true };
        var command = new Command("capture", "Profile a running cluster, read-only: topics, configs, rates, record shapes and consumer groups, written as a scenario to replay.")
        {
            bootstrap,
            window,
            sample,
            settings,
            name,
            output,
        };
        command.SetAction(async (parse, cancellation) =>
        {
            if (!ScalarFormats.TryParseDuration(parse.GetValue(window), out var length) || length < TimeSpan.FromSeconds(1))
            {
                throw new HarnessException($"capture: --window '{parse.GetValue(window)}' is not a duration of at least 1s, such as 30s, 5m or 1h", ExitCodes.BadInput);
            }

            if (parse.GetValue(sample) < 0)
            {
                throw new HarnessException("capture: --sample must be 0 or more", ExitCodes.BadInput);
            }

            var client = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var setting in parse.GetValue(settings) ?? [])
            {
                var equals = setting.IndexOf('=', StringComparison.Ordinal);
                if (equals <= 0)
                {
                    throw new HarnessException($"capture: -X '{setting}' is not key=value", ExitCodes.BadInput);
                }

                client[setting[..equals].Trim()] = setting[(equals + 1)..];
            }

            var options = new CaptureOptions
            {
                Bootstrap = parse.GetValue(bootstrap)!,
                Window = length,
                Sample = parse.GetValue(sample),
                ClientSettings = client,
            };
            var profile = await ClusterCapture.CaptureAsync(options, message => Console.Error.WriteLine($"capture: {message}"), TimeProvider.System, cancellation).ConfigureAwait(false);

            var path = parse.GetValue(output)!;
            var text = ProfileScenarioWriter.Write(profile, parse.GetValue(name));

            // Whatever a cluster holds, the file must be a scenario `harness run` accepts.
            var scenario = ScenarioLoader.Parse(text, path);
            try
            {
                await File.WriteAllTextAsync(path, text, CancellationToken.None).ConfigureAwait(false);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or DirectoryNotFoundException)
            {
                throw new HarnessException($"capture: cannot write {path}: {e.Message}; pass a writable path with -o", ExitCodes.Environment, e);
            }

            Console.Out.WriteLine($"{path}: {Count(scenario.Topics.Count, "topic")}, {Count(scenario.Consumers.Count, "consumer group")}, {profile.Topics.Sum(t => t.Rate):0.#} records/s over {profile.Window.TotalSeconds:0.#}s");
            return ExitCodes.Passed;
        });
        return command;
    }

    private static string Count(int count, string noun) => $"{count} {noun}{(count == 1 ? string.Empty : "s")}";
}
