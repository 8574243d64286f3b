namespace Harness.Replicator.Connect;

/// <summary>A request Connect would refuse: answered with <see cref="Status"/> and <c>{error_code, message}</c>.</summary>
public sealed class ConnectRestException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ConnectRestException(int status, string message)
        : base(message)
    {
        Status = status;
    }

    /// <summary>The HTTP status, also the body's <c>error_code</c>.</summary>
    public int Status { get; }

    /// <summary>Connect's 404 for a connector it does not have.</summary>
    public static ConnectRestException ConnectorNotFound(string name) => new(404, $"Connector {name} not found");
}
