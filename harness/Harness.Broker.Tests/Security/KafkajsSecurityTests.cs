using System.Text.Json;
using Harness.Broker.Security;
using Harness.Testing;

namespace Harness.Broker.Tests.Security;

/// <summary>kafkajs (its own protocol and SCRAM code, Node's TLS) against secured embedded clusters, through kafkajs/security.js.</summary>
[Category("Integration")]
public sealed class KafkajsSecurityTests
{
    private static readonly string ScriptFolder = Path.Combine(AppContext.BaseDirectory, "kafkajs");

    [OneTimeSetUp]
    public Task InstallKafkajs() => KafkajsScripts.EnsureInstalledAsync(ScriptFolder);

    [TestCase(SecurityProtocol.SaslSsl, SaslMechanisms.ScramSha512)]
    [TestCase(SecurityProtocol.SaslSsl, SaslMechanisms.Plain)]
    [TestCase(SecurityProtocol.SaslPlaintext, SaslMechanisms.ScramSha256)]
    [TestCase(SecurityProtocol.SaslSsl, SaslMechanisms.OAuthBearer)]
    [TestCase(SecurityProtocol.Ssl, "none")]
    public async Task Kafkajs_produces_and_consumes_on_a_secured_cluster(SecurityProtocol protocol, string mechanism)
    {
        await using var secure = SecureCluster.Start(protocol);

        var result = await Run(secure, mechanism, SecureCluster.AlicePassword);

        result.TryGetProperty("error", out var error).Should().BeFalse(error.ToString());
        result.GetProperty("seen").GetInt32().Should().Be(200);
        var versions = result.GetProperty("apiVersions").EnumerateArray().Select(v => v.GetString()).ToList();
        if (protocol.UsesSasl())
        {
            versions.Should().Contain(v => v!.StartsWith("SaslHandshake v", StringComparison.Ordinal)).And.Contain(v => v!.StartsWith("SaslAuthenticate v", StringComparison.Ordinal));
        }

        secure.Cluster.InternalErrors.Should().Be(0);
    }

    [Test]
    public async Task Kafkajs_with_a_wrong_password_fails_with_a_sasl_authentication_error()
    {
        await using var secure = SecureCluster.Start(SecurityProtocol.SaslSsl);

        var result = await Run(secure, SaslMechanisms.ScramSha512, "wrong-Password-1");

        result.GetProperty("error").GetString().Should().Be("KafkaJSSASLAuthenticationError");
        result.GetProperty("message").GetString().Should().Contain("invalid credentials").And.NotContain("wrong-Password-1");
    }

    [Test]
    public async Task Kafkajs_trusting_another_ca_fails_the_tls_handshake()
    {
        await using var secure = SecureCluster.Start(SecurityProtocol.Ssl);
        await using var other = SecureCluster.Start(SecurityProtocol.Ssl, "other");

        var result = await Run(secure, "none", "", other.Cluster.CaFile);

        result.GetProperty("error").GetString().Should().BeOneOf(["KafkaJSConnectionError", "KafkaJSNumberOfRetriesExceeded"], result.ToString());
        result.GetProperty("message").GetString().Should().ContainAny("certificate", "self-signed", "self signed");
    }

    private static async Task<JsonElement> Run(SecureCluster secure, string mechanism, string password, string? caFile = null)
    {
        var outcome = await ExternalProcess.RunAsync("node", ["security.js", secure.Cluster.BootstrapServers, mechanism, "alice", caFile ?? secure.Cluster.CaFile ?? "-"], null,
            TimeSpan.FromMinutes(2), ScriptFolder, new Dictionary<string, string> { ["KAFKAJS_PASSWORD"] = password });
        outcome.ExitCode.Should().Be(0, outcome.ToString());
        using var json = JsonDocument.Parse(outcome.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries)[^1]);
        return json.RootElement.Clone();
    }
}
