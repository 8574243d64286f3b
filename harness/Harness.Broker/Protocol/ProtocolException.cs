namespace Harness.Broker.Protocol;

/// <summary>A frame that does not follow the Kafka protocol; the connection that sent it is closed.</summary>
public sealed class ProtocolException : Exception
{
    /// <summary>Creates the exception with a message naming what was malformed.</summary>
    public ProtocolException(string message)
        : base(message)
    {
    }
}
