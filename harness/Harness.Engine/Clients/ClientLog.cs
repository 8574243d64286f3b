using Confluent.Kafka;

namespace Harness.Engine.Clients;

/// <summary>
/// Where the Kafka clients of one run log: its run folder's clients.log instead of the console, so expected
/// connection errors during broker kills do not drown the progress display. Each run opens its own; a client takes
/// the log of the run it is built in (<see cref="Current"/> follows the run's async flow), so rehearsals running side
/// by side in one process never write into each other's folders.
/// </summary>
public sealed class ClientLog : IDisposable
{
    private static readonly AsyncLocal<ClientLog?> Flowing = new();
    private static readonly ClientLog Nowhere = new(null, TimeProvider.System);
    private readonly object _lock = new();
    private readonly TimeProvider _time;
    private StreamWriter? _writer;

    private ClientLog(StreamWriter? writer, TimeProvider time)
    {
        _writer = writer;
        _time = time;
    }

    /// <summary>The log of the run this code belongs to; outside a run, a log that drops everything.</summary>
    public static ClientLog Current => Flowing.Value ?? Nowhere;

    /// <summary>Opens <paramref name="path"/> as the log of the calling run (and every task it starts) until disposed.</summary>
    public static ClientLog Open(string path, TimeProvider time)
    {
        var log = new ClientLog(new StreamWriter(new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.ReadWrite)) { AutoFlush = true }, time);
        Flowing.Value = log;
        return log;
    }

    /// <summary>A handler for any client builder's SetLogHandler.</summary>
    public void Write<TClient>(TClient client, LogMessage message) =>
        WriteLine($"{message.Level} {message.Name} {message.Facility}: {message.Message}");

    /// <summary>Routes an error handler's errors to the same file.</summary>
    public void Error<TClient>(TClient client, Error error) =>
        WriteLine($"error {error.Code}: {error.Reason}");

    /// <summary>Stops writing; clients that outlive the run log nowhere.</summary>
    public void Dispose()
    {
        lock (_lock)
        {
            _writer?.Dispose();
            _writer = null;
        }
    }

    private void WriteLine(string text)
    {
        lock (_lock)
        {
            _writer?.WriteLine($"{_time.GetUtcNow():HH:mm:ss.fff} {text}");
        }
    }
}
