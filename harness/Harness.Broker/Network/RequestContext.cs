using Harness.Broker.Cluster;
using Harness.Broker.Protocol;
using Harness.Broker.Security;

namespace Harness.Broker.Network;

/// <summary>Everything a handler knows about the request it serves.</summary>
internal sealed class RequestContext
{
    public RequestContext(RequestHeader header, BrokerNode broker, bool flexible, ErrorCode injectedError, string clientHost, CancellationToken cancellation)
    {
        Header = header;
        Broker = broker;
        Flexible = flexible;
        InjectedError = injectedError;
        ClientHost = clientHost;
        Cancellation = cancellation;
    }

    public RequestHeader Header { get; }

    public short Version => Header.ApiVersion;

    public BrokerNode Broker { get; }

    public ClusterState Cluster => Broker.Cluster;

    public bool Flexible { get; }

    /// <summary>An error the faults API asked this request to fail with; handlers apply it where the API allows.</summary>
    public ErrorCode InjectedError { get; }

    public string ClientHost { get; }

    public CancellationToken Cancellation { get; }

    /// <summary>Set by a handler when the API sends no response (acks=0 produce).</summary>
    public bool SuppressResponse { get; set; }

    /// <summary>The connection's security on a cluster with <see cref="BrokerSecurity"/>; null on an unsecured cluster.</summary>
    public ConnectionSecurity? Security { get; init; }

    /// <summary>The authenticated user name (Kafka's principal without <c>User:</c>); ANONYMOUS without security.</summary>
    public string Principal => Security?.Principal ?? ConnectionSecurity.Anonymous;

    /// <summary>
    /// True when the principal may do <paramref name="operation"/> on a resource; always true on a cluster without an
    /// authorizer (no users), where this is one null check.
    /// </summary>
    public bool IsAllowed(AclOperation operation, AclResourceType type, string name) =>
        Security?.Cluster.Authorizer is not { } authorizer || authorizer.IsAllowed(Security.Principal, ClientHost, operation, type, name);

    /// <summary>
    /// The principal's authorized-operations bit field on a resource, as Metadata and DescribeCluster answer it; every
    /// supported operation on a cluster without an authorizer, as Kafka answers without one.
    /// </summary>
    public int AuthorizedOperations(AclResourceType type, string name) =>
        Security?.Cluster.Authorizer is not { } authorizer ? AclOperations.All(type) : authorizer.AuthorizedOperations(Security.Principal, ClientHost, type, name);

    /// <summary>
    /// The cluster's authorized operations when a client asks for them: none (0) without DESCRIBE on the cluster, as
    /// Kafka answers Metadata v8-v10 and DescribeCluster.
    /// </summary>
    public int ClusterAuthorizedOperations() =>
        IsAllowed(AclOperation.Describe, AclResourceType.Cluster, Authorizer.ClusterName) ? AuthorizedOperations(AclResourceType.Cluster, Authorizer.ClusterName) : 0;

    /// <summary>Whether some topic ACL grants <paramref name="operation"/> (always true without an authorizer).</summary>
    public bool IsAllowedOnAnyTopic(AclOperation operation) =>
        Security?.Cluster.Authorizer is not { } authorizer || authorizer.IsAllowedOnAnyTopic(Security.Principal, ClientHost, operation);

    /// <summary>Set by a handler when the connection must close once the response is sent (a failed authentication).</summary>
    public bool CloseAfterResponse { get; set; }
}
