using System.Diagnostics;
using Confluent.Kafka;

namespace Harness.Cli.Tests.Commands;

/// <summary>`harness broker --security ...`: the settings it prints after the bootstrap line are enough for a client, and hold no password.</summary>
[Category("Integration")]
public sealed class BrokerSecurityCommandTests
{
    [Test]
    public async Task Broker_with_sasl_ssl_prints_client_settings_that_work_and_never_the_password()
    {
        var folder = Directory.CreateTempSubdirectory("harness-broker-certs-");
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { Path.Combine(HarnessProcess.BinDirectory, "harness.dll"), "broker", "--brokers", "1", "--security", "SASL_SSL", "--mechanism", "SCRAM-SHA-512", "--user", "alice:s3cret-value", "--certs", folder.FullName })
        {
            info.ArgumentList.Add(argument);
        }

        using var broker = Process.Start(info)!;
        try
        {
            var lines = new List<string>();
            while (lines.Count == 0 || !lines[^1].Contains("ssl.ca.location", StringComparison.Ordinal))
            {
                lines.Add((await broker.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(30)))!);
            }

            lines[0].Should().MatchRegex(@"^cluster=127\.0\.0\.1:\d+$");
            var settings = lines.Skip(1).Where(l => !l.TrimStart().StartsWith('#')).Select(l => l.Trim().Split('=', 2)).ToDictionary(p => p[0], p => p[1]);
            settings.Should().Contain("security.protocol", "SASL_SSL").And.Contain("sasl.mechanism", "SCRAM-SHA-512").And.Contain("sasl.username", "alice");
            settings["ssl.ca.location"].Should().Be(Path.Combine(folder.FullName, "cluster-ca.pem"));
            string.Join('\n', lines).Should().NotContain("s3cret-value");

            var config = new AdminClientConfig { BootstrapServers = lines[0]["cluster=".Length..], SaslPassword = "s3cret-value" };
            foreach (var (key, value) in settings)
            {
                config.Set(key, value);
            }

            using var admin = new AdminClientBuilder(config).Build();
            admin.GetMetadata(TimeSpan.FromSeconds(20)).Brokers.Should().ContainSingle();
        }
        finally
        {
            broker.Kill(entireProcessTree: true);
            await broker.WaitForExitAsync();
            folder.Delete(recursive: true);
        }
    }

    [Test]
    public async Task Broker_logs_a_failed_authentication_with_its_reason_and_never_the_password_tried()
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        info.Environment["HARNESS_BROKER_LOG"] = "1";
        foreach (var argument in new[] { Path.Combine(HarnessProcess.BinDirectory, "harness.dll"), "broker", "--brokers", "1", "--security", "SASL_PLAINTEXT", "--mechanism", "PLAIN", "--user", "alice:s3cret-value" })
        {
            info.ArgumentList.Add(argument);
        }

        using var broker = Process.Start(info)!;
        var errors = broker.StandardError.ReadToEndAsync();
        try
        {
            var bootstrap = (await broker.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(30)))!["cluster=".Length..];
            foreach (var mechanism in new[] { "PLAIN", "SCRAM-SHA-512" })
            {
                var config = new AdminClientConfig { BootstrapServers = bootstrap, SecurityProtocol = SecurityProtocol.SaslPlaintext, SaslUsername = "alice", SaslPassword = "Wr0ng-tried-value" };
                config.Set("sasl.mechanism", mechanism);
                using var admin = new AdminClientBuilder(config).Build();
                var metadata = () => admin.GetMetadata(TimeSpan.FromSeconds(3));
                metadata.Should().Throw<KafkaException>();
            }
        }
        finally
        {
            broker.Kill(entireProcessTree: true);
            await broker.WaitForExitAsync();
        }

        var log = await errors;
        log.Should().Contain("failed PLAIN authentication: Authentication failed: Invalid username or password");
        log.Should().Contain("SASL mechanism 'SCRAM-SHA-512', which is not enabled");
        log.Should().NotContain("Wr0ng-tried-value").And.NotContain("s3cret-value");
    }

    [Test]
    public async Task Broker_refuses_a_user_without_a_password_in_one_line_that_does_not_echo_it()
    {
        var (exitCode, _, standardError) = await HarnessProcess.RunAsync(TimeSpan.FromSeconds(60), Path.GetTempPath(), "broker", "--security", "SASL_PLAINTEXT", "--user", "alice-s3cret");

        exitCode.Should().Be(2);
        standardError.Trim().Should().Be("harness: broker: --user must be NAME:PASSWORD, with neither part empty");
    }
}
