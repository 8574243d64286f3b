using System.Text.Json;
using Harness.Replicator.Control;
using Harness.Replicator.Source;
using Harness.Replicator.Tests.Support;
using Harness.Testing;

namespace Harness.Replicator.Tests.Control;

[Category("Integration")]
public sealed class ControlEndpointTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    [Test]
    public async Task Pause_stops_copying_resume_continues_and_status_reports_both()
    {
        await using var clusters = TwoClusters.Start();
        clusters.Source.CreateTopic("t", 2);
        Records.Produce(clusters.Source, "t", 2, 200);
        await using var running = await RunningReplicator.StartAsync(clusters.Properties());
        await using var server = LoopbackListener.Start(0, new ControlEndpoint(running.Replicator, new HeapBallast()).Handle);
        using var http = new HttpClient { BaseAddress = server.BaseUri };

        await Eventually.TrueAsync(async () => await StatusAsync(http) is var s && s.GetProperty("records").GetInt64() == 200 && s.GetProperty("lag").ValueKind == JsonValueKind.Number
            && s.GetProperty("lag").GetInt64() == 0, Timeout, "status shows every record copied and no lag");
        var status = await StatusAsync(http);
        status.GetProperty("running").GetBoolean().Should().BeTrue();
        status.GetProperty("paused").GetBoolean().Should().BeFalse();
        status.GetProperty("state").GetString().Should().Be("running");

        (await http.PostAsync(new Uri("pause", UriKind.Relative), null)).StatusCode.Should().Be(System.Net.HttpStatusCode.OK);
        (await StatusAsync(http)).GetProperty("paused").GetBoolean().Should().BeTrue();
        Records.Produce(clusters.Source, "t", 2, 300, start: 200);
        // Showing that nothing happens needs an observation window: several fetch and produce cycles long.
        await Task.Delay(TimeSpan.FromSeconds(1.5));
        Records.Total(clusters.Target, "source.t", 2).Should().Be(200, "a paused replicator copies nothing");

        (await http.PostAsync(new Uri("resume", UriKind.Relative), null)).StatusCode.Should().Be(System.Net.HttpStatusCode.OK);
        await Eventually.TrueAsync(() => Records.Total(clusters.Target, "source.t", 2) == 500, Timeout, "copying continues after resume");
        (await StatusAsync(http)).GetProperty("paused").GetBoolean().Should().BeFalse();

        (await http.GetAsync(new Uri("nope", UriKind.Relative))).StatusCode.Should().Be(System.Net.HttpStatusCode.NotFound);
        (await http.GetAsync(new Uri("pause", UriKind.Relative))).StatusCode.Should().Be(System.Net.HttpStatusCode.MethodNotAllowed);
    }

    [Test]
    public async Task Ballast_holds_touched_heap_and_zero_frees_it()
    {
        var settings = RunningReplicator.Read(new Dictionary<string, string>
        {
            ["clusters"] = "a, b", ["a.bootstrap.servers"] = "127.0.0.1:1", ["b.bootstrap.servers"] = "127.0.0.1:1", ["a->b.enabled"] = "true",
        });
        var ballast = new HeapBallast();
        await using var server = LoopbackListener.Start(0, new ControlEndpoint(new MirrorReplicator(settings, _ => { }), ballast).Handle);
        using var http = new HttpClient { BaseAddress = server.BaseUri };
        var before = GC.GetTotalMemory(true);

        var held = await http.PostAsync(new Uri("ballast?mib=96", UriKind.Relative), null);
        held.StatusCode.Should().Be(System.Net.HttpStatusCode.OK);
        JsonDocument.Parse(await held.Content.ReadAsStringAsync()).RootElement.GetProperty("ballast-mib").GetInt32().Should().Be(96);
        GC.GetTotalMemory(true).Should().BeGreaterThan(before + (90L << 20), "the ballast is live managed heap");
        (await StatusAsync(http)).GetProperty("ballast-mib").GetInt32().Should().Be(96);
        (await StatusAsync(http)).GetProperty("running").GetBoolean().Should().BeFalse();

        var freed = await http.PostAsync(new Uri("ballast?mib=0", UriKind.Relative), null);
        JsonDocument.Parse(await freed.Content.ReadAsStringAsync()).RootElement.GetProperty("ballast-mib").GetInt32().Should().Be(0);
        GC.GetTotalMemory(true).Should().BeLessThan(before + (32L << 20), "freeing gives the heap back");
        (await http.PostAsync(new Uri("ballast?mib=lots", UriKind.Relative), null)).StatusCode.Should().Be(System.Net.HttpStatusCode.BadRequest);
    }

    private static async Task<JsonElement> StatusAsync(HttpClient http)
    {
        using var json = JsonDocument.Parse(await http.GetStringAsync(new Uri("status", UriKind.Relative)));
        return json.RootElement.Clone();
    }
}
