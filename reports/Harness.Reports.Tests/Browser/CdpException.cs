namespace Harness.Reports.Tests.Browser;

/// <summary>Chromium answered a DevTools command with an error.</summary>
public sealed class CdpException : Exception
{
    public CdpException()
    {
    }

    public CdpException(string message)
        : base(message)
    {
    }

    public CdpException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
