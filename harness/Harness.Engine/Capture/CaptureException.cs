namespace Harness.Engine.Capture;

/// <summary>A capture could not be taken (the cluster is unreachable or refused a request); the message is one line for the user.</summary>
public sealed class CaptureException : Exception
{
    /// <summary>Creates the exception.</summary>
    public CaptureException()
    {
    }

    /// <summary>Creates the exception with a one-line message.</summary>
    public CaptureException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a one-line message and its cause.</summary>
    public CaptureException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
