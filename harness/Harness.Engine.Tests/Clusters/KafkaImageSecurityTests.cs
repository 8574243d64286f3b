using Confluent.Kafka;
using Harness.Engine.Clusters.Containers;
using Harness.Engine.Runs;
using Harness.Engine.Security;

namespace Harness.Engine.Tests.Clusters;

public sealed class KafkaImageSecurityTests
{
    [Test]
    public async Task A_Kafka_image_with_security_is_refused_before_Docker_is_asked_with_one_line_naming_the_image_and_the_fix()
    {
        var spec = new SecuritySpec { Protocol = SecurityProtocol.Ssl };

        var start = () => new ContainersClusterBackend().StartAsync("target", new ContainersClusterSettings("apache/kafka:3.9.1", 1), spec, null, CancellationToken.None);

        var refusal = (await start.Should().ThrowAsync<HarnessException>()).Which;
        refusal.ExitCode.Should().Be(ExitCodes.BadInput);
        refusal.Message.Should().StartWith("clusters.target.security: image apache/kafka:3.9.1 is started PLAINTEXT only")
            .And.Contain("image: harness").And.NotContain("\n");
    }
}
