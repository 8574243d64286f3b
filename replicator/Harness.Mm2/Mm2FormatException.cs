namespace Harness.Mm2;

/// <summary>
/// Thrown when bytes are not a valid MirrorMaker 2 record of the expected kind, or when a value cannot be
/// represented in that format (for example a string longer than the INT16 length prefix allows).
/// </summary>
/// <remarks>
/// Decoders throw only this type for bad input, so a caller reading an internal topic can catch one exception
/// and report the offending record instead of crashing on an <see cref="IndexOutOfRangeException"/>.
/// </remarks>
public sealed class Mm2FormatException : FormatException
{
    /// <summary>Creates the exception with a default message.</summary>
    public Mm2FormatException()
        : base("The bytes are not a valid MirrorMaker 2 record.")
    {
    }

    /// <summary>Creates the exception with a message that names the record, field and problem.</summary>
    /// <param name="message">What was wrong, including the record kind and the field.</param>
    public Mm2FormatException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the exception that revealed the problem.</summary>
    /// <param name="message">What was wrong, including the record kind and the field.</param>
    /// <param name="innerException">The underlying failure, such as an invalid UTF-8 sequence.</param>
    public Mm2FormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
