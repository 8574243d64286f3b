using Confluent.Kafka;

namespace Harness.Engine.Clients;

/// <summary>
/// Where the Kafka clients of the harness log: to the run folder's clients.log instead of the console, so
/// expected connection errors during broker kills do not drown the progress display.
/// </summary>
public static class ClientLog
{
    private static readonly object Lock = new();
    private static StreamWriter? _writer;

    /// <summary>Sends client logs to <paramref name="path"/> until <see cref="Close"/>.</summary>
    public static void Open(string path)
    {
        lock (Lock)
        {
            _writer?.Dispose();
            _writer = new StreamWriter(new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.ReadWrite)) { AutoFlush = true };
        }
    }

    /// <summary>Stops logging to the file; later messages are dropped.</summary>
    public static void Close()
    {
        lock (Lock)
        {
            _writer?.Dispose();
            _writer = null;
        }
    }

    /// <summary>A handler for any client builder's SetLogHandler.</summary>
    public static void Write<TClient>(TClient client, LogMessage message)
    {
        lock (Lock)
        {
            _writer?.WriteLine($"{DateTime.UtcNow:HH:mm:ss.fff} {message.Level} {message.Name} {message.Facility}: {message.Message}");
        }
    }

    /// <summary>Routes an error handler's errors to the same file.</summary>
    public static void Error<TClient>(TClient client, Error error)
    {
        lock (Lock)
        {
            _writer?.WriteLine($"{DateTime.UtcNow:HH:mm:ss.fff} error {error.Code}: {error.Reason}");
        }
    }
}
