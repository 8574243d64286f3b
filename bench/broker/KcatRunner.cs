using Harness.Bench.Support;

namespace Harness.Broker.Bench;

/// <summary>kcat -P from a file and kcat -C to /dev/null: the same librdkafka family without .NET in the client.</summary>
internal static class KcatRunner
{
    public static async Task<Measurement> ProduceAsync(string bootstrapServers, string topic, BenchOptions options)
    {
        var input = Path.Combine(Path.GetTempPath(), $"broker-bench-{Environment.ProcessId}.txt");
        try
        {
            // One printable line per record, value bytes long, so kcat sends the same payload size as the .NET run.
            await using (var writer = new StreamWriter(input))
            {
                var line = new string('x', options.ValueBytes);
                for (var i = 0; i < options.Records; i++)
                {
                    await writer.WriteLineAsync(line);
                }
            }

            var elapsed = await RunAsync($"kcat -b {bootstrapServers} -P -t {topic} -X enable.idempotence=true -X acks=all -X linger.ms=5 -l {input}");
            return new Measurement("kcat 1.7.1 (librdkafka 2.0.2)", "produce (-P, acks=all, idempotent)", options.Records, (long)options.Records * options.ValueBytes, elapsed);
        }
        finally
        {
            File.Delete(input);
        }
    }

    public static async Task<Measurement> ConsumeAsync(string bootstrapServers, string topic, BenchOptions options)
    {
        var elapsed = await RunAsync($"kcat -b {bootstrapServers} -C -t {topic} -o beginning -e -q -X fetch.max.bytes=52428800 > /dev/null");
        return new Measurement("kcat 1.7.1 (librdkafka 2.0.2)", "consume (-C -e, to /dev/null)", options.Records, (long)options.Records * options.ValueBytes, elapsed);
    }

    private static async Task<TimeSpan> RunAsync(string command) => (await TimedCommand.RunAsync(command)).Elapsed;
}
