namespace Harness.Broker.Security;

/// <summary>
/// The outcome of one SASL token: bytes for the client, and either more to come, success with a principal, or a
/// failure whose message goes to the client (it never contains a password or token).
/// </summary>
internal readonly record struct SaslStep(byte[] Response, string? Principal, string? Failure)
{
    public bool Succeeded => Principal is not null;

    public bool Failed => Failure is not null;

    public static SaslStep Continue(byte[] response) => new(response, null, null);

    public static SaslStep Success(string principal, byte[]? response = null) => new(response ?? [], principal, null);

    public static SaslStep Fail(string message) => new([], null, message);
}
