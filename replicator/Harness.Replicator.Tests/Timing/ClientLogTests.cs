using Harness.Replicator.Clients;
using Microsoft.Extensions.Time.Testing;

namespace Harness.Replicator.Tests.Timing;

public sealed class ClientLogTests
{
    [Test]
    public void A_repeated_complaint_is_told_once_per_five_seconds_of_the_injected_clock_with_a_count_of_the_rest()
    {
        var time = new FakeTimeProvider();
        var lines = new List<string>();
        var log = new ClientLog(lines.Add, time);

        log.Handle("producer-1", 3, "FAIL", "broker down");
        time.Advance(TimeSpan.FromSeconds(2));
        log.Handle("producer-1", 3, "FAIL", "broker down");
        log.Handle("producer-1", 4, "FAIL", "broker still down");
        log.Handle("producer-2", 3, "FAIL", "another client says it too");
        log.Handle("producer-1", 6, "FAIL", "informational: never told");
        time.Advance(TimeSpan.FromMilliseconds(2999));
        log.Handle("producer-1", 3, "FAIL", "inside the window");
        time.Advance(TimeSpan.FromMilliseconds(1));
        log.Handle("producer-1", 3, "FAIL", "after the window");

        lines.Should().Equal(
            "librdkafka producer-1: broker down",
            "librdkafka producer-2: another client says it too",
            "librdkafka producer-1: after the window (3 similar messages suppressed)");
    }
}
