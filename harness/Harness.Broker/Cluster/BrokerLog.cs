namespace Harness.Broker.Cluster;

/// <summary>
/// The broker's diagnostic output: warnings go to standard error only when HARNESS_BROKER_LOG is set, so a
/// rehearsal's console stays readable while a misbehaving client can still be diagnosed.
/// </summary>
internal static class BrokerLog
{
    private static readonly bool Enabled = !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("HARNESS_BROKER_LOG"));

    public static void Warn(BrokerNode broker, string message)
    {
        if (Enabled)
        {
            Console.Error.WriteLine($"[{broker.Cluster.Name}/broker-{broker.Id}] warn: {message}");
        }
    }

    public static void Error(BrokerNode broker, string message) =>
        Console.Error.WriteLine($"[{broker.Cluster.Name}/broker-{broker.Id}] error: {message}");
}
