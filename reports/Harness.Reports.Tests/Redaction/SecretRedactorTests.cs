using Harness.Reports.Redaction;

namespace Harness.Reports.Tests.Redaction;

public sealed class SecretRedactorTests
{
    [TestCase("password=hunter2", "password=******")]
    [TestCase("ssl.truststore.password = hunter2", "ssl.truststore.password = ******")]
    [TestCase("ssl.key.password:hunter2", "ssl.key.password: ******")]
    [TestCase("ssl.keystore.key=-----BEGIN PRIVATE KEY-----", "ssl.keystore.key=******")]
    [TestCase("client.secret=hunter2", "client.secret=******")]
    [TestCase("oauth.token=abc.def.ghi", "oauth.token=******")]
    [TestCase("SASL.JAAS.CONFIG=org.apache.kafka.common.security.plain.PlainLoginModule required;", "SASL.JAAS.CONFIG=******")]
    public void Masks_properties_values(string line, string expected) =>
        SecretRedactor.Redact(line).Should().Be(expected);

    [TestCase("password: hunter2", "password: ******")]
    [TestCase("  saslPassword: 'hunter2'", "  saslPassword: ******")]
    [TestCase("  - apiToken: \"hunter2 # not a comment\"", "  - apiToken: ******")]
    [TestCase("\"sasl.jaas.config\": \"x required password='hunter2';\"", "\"sasl.jaas.config\": ******")]
    [TestCase("sasl_jaas_config: x", "sasl_jaas_config: ******")]
    public void Masks_yaml_values(string line, string expected) =>
        SecretRedactor.Redact(line).Should().Be(expected);

    [Test]
    public void Leaves_other_keys_alone()
    {
        const string Text = "bootstrap.servers=localhost:9092\nacks: all\nurl: http://registry:8081/subjects\nsasl.mechanism=PLAIN\n";

        SecretRedactor.Redact(Text).Should().Be(Text);
    }

    [Test]
    public void Masks_a_whole_yaml_block_scalar_and_keeps_what_follows()
    {
        const string Text = """
            client:
              sasl.jaas.config: |
                org.apache.kafka.common.security.plain.PlainLoginModule required
                  username="admin"

                  password="hunter2";
              acks: all
            """;

        SecretRedactor.Redact(Text).Should().Be("""
            client:
              sasl.jaas.config: ******
              acks: all
            """);
    }

    [Test]
    public void Masks_a_nested_secret_mapping()
    {
        const string Text = "secrets:\n  source: hunter2\n  target: hunter3\nload:\n  rate: 10\n";

        SecretRedactor.Redact(Text).Should().Be("secrets: ******\nload:\n  rate: 10\n");
    }

    [Test]
    public void Keeps_an_empty_value_that_opens_nothing()
    {
        const string Text = "password:\nacks: all";

        SecretRedactor.Redact(Text).Should().Be(Text);
    }

    [Test]
    public void Masks_a_multi_line_quoted_scalar()
    {
        const string Text = "token: \"abc\n  def\"\nnext: 1";

        SecretRedactor.Redact(Text).Should().Be("token: ******\nnext: 1");
    }

    [Test]
    public void Masks_properties_continuation_lines()
    {
        const string Text = "sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required \\\n    username=\"admin\" \\\n    password=\"hunter2\";\nacks=all";

        SecretRedactor.Redact(Text).Should().Be("sasl.jaas.config=******\nacks=all");
    }

    [TestCase("client: { user: admin, password: hunter2, acks: all }", "client: { user: admin, password: ******, acks: all }")]
    [TestCase("jaas: x required username=\"u\" password=\"hunter2\";", "jaas: x required username=\"u\" password=******;")]
    [TestCase("endpoint: /metrics?token=hunter2&format=json", "endpoint: /metrics?token=******&format=json")]
    [TestCase("# password=hunter2 was the old one", "# password=****** was the old one")]
    [TestCase("args: [\"--sasl.jaas.config\", x]", "args: [\"--sasl.jaas.config\", x]")]
    public void Masks_secrets_inside_lines(string line, string expected) =>
        SecretRedactor.Redact(line).Should().Be(expected);

    [Test]
    public void Keeps_line_endings()
    {
        SecretRedactor.Redact("a: 1\r\npassword: x\r\nb: 2\r\n").Should().Be("a: 1\r\npassword: ******\r\nb: 2\r\n");
    }

    [Test]
    public void Is_idempotent()
    {
        var once = SecretRedactor.Redact(SampleRuns.ScenarioYaml);

        SecretRedactor.Redact(once).Should().Be(once);
        once.Should().NotContain(SampleRuns.SecretMarker);
    }

    [Test]
    public void Treats_null_and_empty_as_empty()
    {
        SecretRedactor.Redact(null).Should().BeEmpty();
        SecretRedactor.Redact("").Should().BeEmpty();
    }

    [TestCase("sasl.jaas.config", true)]
    [TestCase("listener.name.sasl_ssl.plain.sasl.jaas.config", true)]
    [TestCase("ssl.key.password", true)]
    [TestCase("basic.auth.user.info.Secret", true)]
    [TestCase("sasl.mechanism", false)]
    [TestCase("bootstrap.servers", false)]
    public void Recognizes_secret_keys(string key, bool secret) =>
        SecretRedactor.IsSecretKey(key).Should().Be(secret);
}
