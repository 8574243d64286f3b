using System.Globalization;
using System.Text;
using Harness.Broker.Security;
using Harness.Testing;

namespace Harness.Broker.Tests.Security;

/// <summary>Debian's kcat (its own librdkafka 2.0) against secured embedded clusters: TLS, SCRAM and PLAIN, and the refusals.</summary>
[Category("Integration")]
public sealed class KcatSecurityTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    [OneTimeSetUp]
    public void RequireKcat()
    {
        if (!File.Exists("/usr/bin/kcat"))
        {
            Assert.Ignore("kcat is not installed (apt-get install -y kcat)");
        }
    }

    [TestCase(SecurityProtocol.SaslSsl, SaslMechanisms.ScramSha512)]
    [TestCase(SecurityProtocol.SaslSsl, SaslMechanisms.Plain)]
    [TestCase(SecurityProtocol.SaslPlaintext, SaslMechanisms.ScramSha256)]
    [TestCase(SecurityProtocol.Ssl, null)]
    public async Task Kcat_produces_and_consumes_on_a_secured_cluster(SecurityProtocol protocol, string? mechanism)
    {
        await using var secure = SecureCluster.Start(protocol);
        secure.Cluster.CreateTopic("kcat-secured", 3);
        var properties = Properties(secure, mechanism, SecureCluster.AlicePassword);
        var input = string.Concat(Enumerable.Range(0, 1000).Select(i => string.Create(CultureInfo.InvariantCulture, $"k{i}:v{i}\n")));

        var produced = await Kcat(secure, properties, input, "-P", "-t", "kcat-secured", "-K:");
        produced.ExitCode.Should().Be(0, produced.ToString());
        var consumed = await Kcat(secure, properties, null, "-C", "-t", "kcat-secured", "-o", "beginning", "-e", "-q", "-f", "%s\\n");

        consumed.ExitCode.Should().Be(0, consumed.ToString());
        consumed.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries).Should().HaveCount(1000).And.OnlyHaveUniqueItems();
        secure.Cluster.InternalErrors.Should().Be(0);
    }

    [TestCase(SaslMechanisms.ScramSha512)]
    [TestCase(SaslMechanisms.Plain)]
    public async Task Kcat_with_a_wrong_password_fails_to_authenticate(string mechanism)
    {
        await using var secure = SecureCluster.Start(SecurityProtocol.SaslSsl);

        var outcome = await Kcat(secure, Properties(secure, mechanism, "wrong-Password-1"), null, "-L", "-m", "5");

        outcome.ExitCode.Should().NotBe(0);
        outcome.StandardError.Should().Contain("Authentication failed").And.NotContain("wrong-Password-1").And.NotContain(SecureCluster.AlicePassword);
    }

    [Test]
    public async Task Kcat_scram_fails_against_a_strict_nonce_check_as_against_kafka_4()
    {
        await using var secure = SecureCluster.Start(SecurityProtocol.SaslPlaintext, strictScramNonce: true);

        var outcome = await Kcat(secure, Properties(secure, SaslMechanisms.ScramSha256, SecureCluster.AlicePassword), null, "-L", "-m", "5");

        outcome.ExitCode.Should().NotBe(0, "librdkafka 2.0 repeats its nonce in the client-final message (fixed in 2.6.1)");
        outcome.StandardError.Should().Contain("Invalid SCRAM client final message");
    }

    [Test]
    public async Task Kcat_trusting_another_ca_fails_the_tls_handshake()
    {
        await using var secure = SecureCluster.Start(SecurityProtocol.SaslSsl);
        await using var other = SecureCluster.Start(SecurityProtocol.Ssl, "other");
        var properties = Properties(secure, SaslMechanisms.ScramSha512, SecureCluster.AlicePassword).Replace(secure.Cluster.CaFile!, other.Cluster.CaFile!, StringComparison.Ordinal);

        var outcome = await Kcat(secure, properties, null, "-L", "-m", "5");

        outcome.ExitCode.Should().NotBe(0);
        outcome.StandardError.Should().Contain("certificate verify failed");
    }

    /// <summary>librdkafka settings for kcat's -F file, so the password never appears in a process argument list.</summary>
    private static string Properties(SecureCluster secure, string? mechanism, string password)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"security.protocol={secure.Cluster.SecurityProtocol.ToKafkaName()}\n");
        if (secure.Cluster.CaFile is { } ca)
        {
            text.Append(CultureInfo.InvariantCulture, $"ssl.ca.location={ca}\n");
        }

        if (mechanism is not null)
        {
            text.Append(CultureInfo.InvariantCulture, $"sasl.mechanism={mechanism}\nsasl.username=alice\nsasl.password={password}\n");
        }

        return text.ToString();
    }

    private static async Task<ProcessOutcome> Kcat(SecureCluster secure, string properties, string? stdin, params string[] arguments)
    {
        var file = Path.Combine(secure.Folder, $"kcat-{Guid.NewGuid():N}.properties");
        await File.WriteAllTextAsync(file, properties);
        return await ExternalProcess.RunAsync("/usr/bin/kcat", ["-F", file, "-b", secure.Cluster.BootstrapServers, .. arguments], stdin, Deadline);
    }
}
