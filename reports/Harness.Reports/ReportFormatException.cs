namespace Harness.Reports;

/// <summary>A report file cannot be read: it is malformed, incomplete or of an unsupported schema version.</summary>
public sealed class ReportFormatException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ReportFormatException()
    {
    }

    /// <summary>Creates the exception with a message for people.</summary>
    /// <param name="message">What is wrong with the file.</param>
    public ReportFormatException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message for people and the underlying cause.</summary>
    /// <param name="message">What is wrong with the file.</param>
    /// <param name="innerException">The underlying cause.</param>
    public ReportFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
