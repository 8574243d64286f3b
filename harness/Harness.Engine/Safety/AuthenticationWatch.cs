using Confluent.Kafka;
using Harness.Engine.Clients;

namespace Harness.Engine.Safety;

/// <summary>
/// Keeps the last authentication error a client reported through its error handler: librdkafka fails the call itself
/// with a bare "broker transport failure", and only the handler hears that the credentials were refused.
/// </summary>
public sealed class AuthenticationWatch
{
    private Error? _last;

    /// <summary>The last authentication error seen, or null.</summary>
    public Error? Last => Volatile.Read(ref _last);

    /// <summary>An error handler that logs as every harness client does and keeps authentication errors.</summary>
    public void Handle(IClient client, Error error)
    {
        ClientLog.Current.Error(client, error);
        if (ClusterErrors.IsAuthentication(error))
        {
            Volatile.Write(ref _last, error);
        }
    }
}
