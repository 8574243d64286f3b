using System.Diagnostics;
using System.Text;
using Harness.Broker.Protocol;
using Harness.Broker.Security;
using Harness.Testing;

namespace Harness.Broker.Tests.Security;

/// <summary>The SASL exchange byte by byte, for what client libraries do not show: gating, v0 bare tokens, OAUTHBEARER's error status, states.</summary>
[Category("Integration")]
public sealed class SaslWireTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    [Test]
    public async Task Wire_a_request_before_authentication_closes_the_connection_unanswered()
    {
        await using var secure = SecureCluster.Start(SecurityProtocol.SaslPlaintext);
        using var client = KafkaWireClient.Connect(secure.Cluster.BootstrapServers.Split(',')[0]);

        await client.SendAsync(Request(ApiKey.Metadata, 1, w => w.WriteInt32(-1)));

        await ExpectClosed(client);
    }

    [Test]
    public async Task Wire_a_frame_over_512_KiB_before_authentication_closes_the_connection()
    {
        await using var secure = SecureCluster.Start(SecurityProtocol.SaslPlaintext);
        using var client = KafkaWireClient.Connect(secure.Cluster.BootstrapServers.Split(',')[0]);

        await client.SendAsync([0, 0x08, 0, 1]);

        await ExpectClosed(client);
    }

    [Test]
    public async Task Wire_handshake_for_an_unserved_mechanism_lists_the_enabled_ones_and_closes()
    {
        await using var secure = SecureCluster.Start(SecurityProtocol.SaslPlaintext);
        using var client = KafkaWireClient.Connect(secure.Cluster.BootstrapServers.Split(',')[0]);

        var response = await client.SendAsync(ApiKey.SaslHandshake, 1, w => w.WriteString("GSSAPI"));

        ((ErrorCode)response.ReadInt16()).Should().Be(ErrorCode.UnsupportedSaslMechanism);
        var count = response.ReadArrayLength();
        Enumerable.Range(0, count).Select(_ => response.ReadString()).Should().Equal(SaslMechanisms.All);
        await ExpectClosed(client);
    }

    [Test]
    public async Task Wire_handshake_v0_then_a_bare_plain_token_authenticates_and_metadata_follows()
    {
        await using var secure = SecureCluster.Start(SecurityProtocol.SaslPlaintext);
        using var client = KafkaWireClient.Connect(secure.Cluster.BootstrapServers.Split(',')[0]);

        var handshake = await client.SendAsync(ApiKey.SaslHandshake, 0, w => w.WriteString(SaslMechanisms.Plain));
        ((ErrorCode)handshake.ReadInt16()).Should().Be(ErrorCode.None);
        await client.SendAsync(Frame(Encoding.UTF8.GetBytes($"\0alice\0{SecureCluster.AlicePassword}")));
        var answer = await client.ReceiveAsync(Wait);

        answer.Should().NotBeNull("a bare token is answered by a bare, here empty, token");
        answer!.Remaining.Should().Be(0);
        var metadata = await client.SendAsync(ApiKey.Metadata, 1, w => w.WriteInt32(-1));
        metadata.ReadArrayLength().Should().Be(3, "every broker is listed once authenticated");
    }

    [Test]
    public async Task Wire_oauthbearer_with_an_expired_token_gets_the_error_status_then_the_failure_and_a_close()
    {
        await using var secure = SecureCluster.Start(SecurityProtocol.SaslPlaintext);
        using var client = KafkaWireClient.Connect(secure.Cluster.BootstrapServers.Split(',')[0]);
        (await client.SendAsync(ApiKey.SaslHandshake, 1, w => w.WriteString(SaslMechanisms.OAuthBearer))).ReadInt16().Should().Be(0);
        var expired = Jwt("""{"alg":"none"}""", """{"sub":"alice","iat":1000,"exp":2000}""");

        var first = await client.SendAsync(ApiKey.SaslAuthenticate, 1, w => w.WriteBytes(Encoding.UTF8.GetBytes($"n,,\u0001auth=Bearer {expired}\u0001\u0001")));
        ((ErrorCode)first.ReadInt16()).Should().Be(ErrorCode.None);
        first.ReadNullableString().Should().BeNull();
        Encoding.UTF8.GetString(first.ReadBytes()).Should().Be("""{"status":"invalid_token"}""");
        var second = await client.SendAsync(ApiKey.SaslAuthenticate, 1, w => w.WriteBytes("\u0001"u8));

        ((ErrorCode)second.ReadInt16()).Should().Be(ErrorCode.SaslAuthenticationFailed);
        second.ReadNullableString().Should().Contain("expired").And.NotContain(expired);
        await ExpectClosed(client);
    }

    [Test]
    public async Task Wire_oauthbearer_with_a_valid_unsecured_token_authenticates_as_its_subject_and_a_second_authenticate_is_illegal()
    {
        await using var secure = SecureCluster.Start(SecurityProtocol.SaslPlaintext);
        using var client = KafkaWireClient.Connect(secure.Cluster.BootstrapServers.Split(',')[0]);
        (await client.SendAsync(ApiKey.SaslHandshake, 1, w => w.WriteString(SaslMechanisms.OAuthBearer))).ReadInt16().Should().Be(0);
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var token = Jwt("""{"alg":"none"}""", $$"""{"sub":"carol","iat":{{now - 10}},"exp":{{now + 600}}}""");

        var accepted = await client.SendAsync(ApiKey.SaslAuthenticate, 2, w =>
        {
            w.WriteBytes(Encoding.UTF8.GetBytes($"n,,\u0001auth=Bearer {token}\u0001\u0001"), flexible: true);
            w.WriteEmptyTaggedFields();
        }, flexible: true);
        ((ErrorCode)accepted.ReadInt16()).Should().Be(ErrorCode.None);

        var again = await client.SendAsync(ApiKey.SaslAuthenticate, 1, w => w.WriteBytes("n,,\u0001\u0001"u8));
        ((ErrorCode)again.ReadInt16()).Should().Be(ErrorCode.IllegalSaslState);
        var metadata = await client.SendAsync(ApiKey.Metadata, 1, w => w.WriteInt32(-1));
        metadata.ReadArrayLength().Should().Be(3, "the connection stays authenticated");
    }

    private static async Task ExpectClosed(KafkaWireClient client)
    {
        var clock = Stopwatch.StartNew();
        (await client.ReceiveAsync(Wait)).Should().BeNull();
        clock.Elapsed.Should().BeLessThan(Wait, "the broker closed the connection rather than staying silent");
    }

    private static string Jwt(string header, string payload) =>
        $"{Base64Url(header)}.{Base64Url(payload)}.";

    private static string Base64Url(string json) => Convert.ToBase64String(Encoding.UTF8.GetBytes(json)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static byte[] Request(ApiKey api, short version, Action<KafkaWriter> body)
    {
        var writer = new KafkaWriter();
        writer.WriteInt16((short)api);
        writer.WriteInt16(version);
        writer.WriteInt32(1);
        writer.WriteNullableString("wire-test");
        body(writer);
        return writer.Complete().SelectMany(s => s).ToArray();
    }

    private static byte[] Frame(byte[] token)
    {
        var writer = new KafkaWriter();
        writer.WriteExternal(token);
        return writer.Complete().SelectMany(s => s).ToArray();
    }
}
