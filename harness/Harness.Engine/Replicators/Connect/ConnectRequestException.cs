namespace Harness.Engine.Replicators.Connect;

/// <summary>A Connect REST call that failed: no answer (<see cref="Status"/> null) or an error status with Connect's message.</summary>
public sealed class ConnectRequestException : Exception
{
    /// <summary>An error without an HTTP status (nothing answered).</summary>
    public ConnectRequestException(string message, Exception? inner = null)
        : base(message, inner)
    {
    }

    /// <summary>An error status with Connect's message.</summary>
    public ConnectRequestException(int status, string message)
        : base(message)
    {
        Status = status;
    }

    /// <summary>The HTTP status, or <see langword="null"/> when Connect did not answer.</summary>
    public int? Status { get; }
}
