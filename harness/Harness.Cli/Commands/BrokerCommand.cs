using System.CommandLine;
using Harness.Broker.Cluster;
using Harness.Broker.Control;
using Harness.Broker.Storage;
using Harness.Engine.Runs;

namespace Harness.Cli.Commands;

/// <summary>`harness broker`: embedded clusters for kcat, kafkajs, an application or a real MM2, until Ctrl-C.</summary>
internal static class BrokerCommand
{
    public static Command Create()
    {
        var brokers = new Option<int>("--brokers") { Description = "Brokers per cluster", DefaultValueFactory = _ => 3 };
        var clusters = new Option<int>("--clusters") { Description = "Independent clusters", DefaultValueFactory = _ => 1 };
        var basePort = new Option<int>("--base-port") { Description = "First listener port (0: ephemeral ports)", DefaultValueFactory = _ => 0 };
        var autoCreate = new Option<bool>("--auto-create-topics") { Description = "Create unknown topics on first use (Kafka's auto.create.topics.enable)" };
        var controlPort = new Option<int>("--control-port") { Description = "Port of the loopback faults endpoint (0: a free port)", DefaultValueFactory = _ => 0 };
        var name = new Option<string>("--name") { Description = "Cluster name (with --clusters N: NAME1..NAMEN)", DefaultValueFactory = _ => "cluster" };
        var security = new Option<string>("--security") { Description = "Listener protocol: PLAINTEXT, SSL, SASL_PLAINTEXT or SASL_SSL", DefaultValueFactory = _ => "PLAINTEXT" };
        var mechanism = new Option<string>("--mechanism") { Description = "SASL mechanism: PLAIN, SCRAM-SHA-256, SCRAM-SHA-512 or OAUTHBEARER (unsecured JWT)", DefaultValueFactory = _ => "SCRAM-SHA-512" };
        var users = new Option<string[]>("--user") { Description = "A user as NAME:PASSWORD (repeatable), a super user; SASL and SCRAM credentials are made from it. PASSWORD may be ${env:NAME} or ${file:PATH}, keeping it off the command line" };
        var clientAuth = new Option<string>("--client-auth") { Description = "TLS client certificates: none, requested or required", DefaultValueFactory = _ => "none" };
        var certificates = new Option<string?>("--certs") { Description = "Folder for each cluster's CA certificate NAME-ca.pem (default: a new temporary folder)" };
        var storage = new Option<string?>("--storage") { Description = "Where batches are kept: memory or disk (default: memory, or HARNESS_BROKER_STORAGE)" };
        var dataDir = new Option<string?>("--data-dir") { Description = "With --storage disk: folder for the logs, one subfolder per cluster (default: a temporary folder)" };
        var keepData = new Option<bool>("--keep-data") { Description = "With --storage disk: keep the data folder when the brokers stop (default: removed)" };
        var command = new Command("broker", "Run embedded Kafka-protocol clusters on loopback and print their bootstrap servers, one line per cluster.")
        {
            brokers,
            clusters,
            basePort,
            autoCreate,
            controlPort,
            name,
            security,
            mechanism,
            users,
            clientAuth,
            certificates,
            storage,
            dataDir,
            keepData,
        };
        command.SetAction(async (parse, cancellation) =>
        {
            var count = parse.GetValue(clusters);
            var perCluster = parse.GetValue(brokers);
            if (count is < 1 or > 16 || perCluster is < 1 or > 64)
            {
                throw new HarnessException("broker: --clusters must be 1..16 and --brokers 1..64", ExitCodes.BadInput);
            }

            var secured = BrokerSecurityArguments.Parse(parse.GetValue(security), parse.GetValue(mechanism), parse.GetValue(users) ?? [], parse.GetValue(clientAuth), parse.GetValue(certificates));
            var storageKind = parse.GetValue(storage)?.Trim().ToUpperInvariant() switch
            {
                null => (StorageKind?)null,
                "MEMORY" => StorageKind.Memory,
                "DISK" => StorageKind.Disk,
                var other => throw new HarnessException($"broker: --storage must be memory or disk, got '{other.ToLowerInvariant()}'", ExitCodes.BadInput),
            };
            if ((parse.GetValue(dataDir) is not null || parse.GetValue(keepData)) && storageKind != StorageKind.Disk)
            {
                throw new HarnessException("broker: --data-dir and --keep-data need --storage disk", ExitCodes.BadInput);
            }

            var started = new List<EmbeddedCluster>();
            try
            {
                for (var i = 0; i < count; i++)
                {
                    var port = parse.GetValue(basePort);
                    var options = new EmbeddedClusterOptions
                    {
                        Name = count == 1 ? parse.GetValue(name)! : $"{parse.GetValue(name)}{i + 1}",
                        Brokers = perCluster,
                        BasePort = port == 0 ? 0 : port + (i * perCluster),
                        AutoCreateTopics = parse.GetValue(autoCreate),
                        Security = secured,
                        DataDirectory = parse.GetValue(dataDir),
                        KeepData = parse.GetValue(keepData),
                    };
                    started.Add(EmbeddedCluster.Start(storageKind is { } kind ? options with { Storage = kind } : options));
                }
            }
            catch (ArgumentException e)
            {
                foreach (var cluster in started)
                {
                    await cluster.DisposeAsync().ConfigureAwait(false);
                }

                // A data folder that already holds a log, or a bad HARNESS_BROKER_STORAGE: the message names it and the fix.
                throw new HarnessException($"broker: {e.Message.Split(" (Parameter", 2)[0]}", ExitCodes.BadInput, e);
            }
            catch (System.Net.Sockets.SocketException e)
            {
                foreach (var cluster in started)
                {
                    await cluster.DisposeAsync().ConfigureAwait(false);
                }

                throw new HarnessException($"broker: cannot listen ({e.Message}); choose another --base-port or use 0 for ephemeral ports", ExitCodes.Environment, e);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                foreach (var cluster in started)
                {
                    await cluster.DisposeAsync().ConfigureAwait(false);
                }

                throw new HarnessException($"broker: cannot write the CA certificate ({e.Message}); choose another --certs folder", ExitCodes.Environment, e);
            }

            await using var control = BrokerControlServer.Start(started, parse.GetValue(controlPort));
            foreach (var cluster in started)
            {
                Console.Out.WriteLine($"{cluster.Name}={cluster.BootstrapServers}");
                foreach (var setting in BrokerSecurityArguments.ClientSettings(cluster, secured))
                {
                    Console.Out.WriteLine(setting);
                }
            }

            Console.Out.Flush();
            Console.Error.WriteLine($"harness broker: faults endpoint {control.Url} (GET clusters; POST clusters/NAME/brokers/ID/kill|restart|hang|resume|latency?ms=N; Ctrl-C stops)");
            try
            {
                // In a container the harness that started the brokers may be SIGKILLed; stop with it instead of lingering.
                await Task.WhenAny(Task.Delay(Timeout.Infinite, cancellation), Harness.Hosting.ParentWatch.ExitedAsync(m => Console.Error.WriteLine($"harness broker: {m}"), cancellation)).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // Ctrl-C: stop the clusters.
            }

            foreach (var cluster in started)
            {
                await cluster.DisposeAsync().ConfigureAwait(false);
            }

            return ExitCodes.Passed;
        });
        return command;
    }
}
