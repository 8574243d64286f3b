using Harness.Broker.Network;

namespace Harness.Broker.Security;

/// <summary>A handler served, and advertised in ApiVersions, only by clusters with <see cref="BrokerSecurity"/>.</summary>
internal interface ISecurityApiHandler : IApiHandler;
