using System.Text.Json;

namespace Harness.Load.Bench;

/// <summary>
/// The generator child: the load generator in a process of its own, which is the only way to run it on another
/// librdkafka (<c>HARNESS_LIBRDKAFKA</c> is read once per process). It warms up, prints <c>ready</c>, waits for
/// <c>go</c> on stdin, so the parent reads the broker's CPU time around the measured run only, then measures one
/// run and prints one line of <see cref="GeneratorFigures"/> as JSON.
/// </summary>
internal static class GenerateChild
{
    public static async Task<int> RunAsync(BenchOptions options)
    {
        var bootstrap = options.Bootstrap ?? throw new ArgumentException("--bootstrap is required");
        var topic = options.Topic ?? throw new ArgumentException("--topic is required");
        var warmUpTopic = options.WarmUpTopic ?? throw new ArgumentException("--warm-up-topic is required");
        var go = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        // Console.In reads synchronously even through ReadLineAsync: a thread of its own waits on it.
        new Thread(() => WatchParent(go)) { IsBackground = true, Name = "parent watch" }.Start();

        await GeneratorRunner.WarmUpAsync(bootstrap, warmUpTopic, options, CancellationToken.None);
        Console.WriteLine("ready");
        await go.Task;
        var (elapsed, cpu) = await GeneratorRunner.MeasureAsync(bootstrap, topic, options, CancellationToken.None);
        Console.WriteLine(JsonSerializer.Serialize(new GeneratorFigures(elapsed.TotalSeconds, cpu.TotalSeconds, GeneratorRunner.LoadedLibraries())));
        return 0;
    }

    /// <summary>Completes <paramref name="go"/> on the parent's <c>go</c>; ends this process when the parent's end of stdin closes.</summary>
    private static void WatchParent(TaskCompletionSource go)
    {
        while (Console.In.ReadLine() is { } line)
        {
            if (line == "go")
            {
                go.TrySetResult();
            }
        }

        // The parent is gone, however it ended (even SIGKILL closes the pipe), and so is the broker child it ran: a
        // producer left running would retry for message.timeout.ms (two minutes) as an orphan.
        Environment.Exit(1);
    }
}
