using System.Diagnostics.CodeAnalysis;
using Harness.Broker.Network;
using Harness.Broker.Security;

namespace Harness.Broker.Handlers;

/// <summary>
/// Every API handler of this assembly, found by type so adding an API is adding one file; the security APIs only for
/// clusters with security, so an unsecured cluster advertises exactly what it did before.
/// </summary>
internal static class HandlerCatalog
{
    [UnconditionalSuppressMessage("Trimming", "IL2072", Justification = "Handlers are concrete types of this assembly, never trimmed away.")]
    public static IEnumerable<IApiHandler> Create(bool security = false) =>
        typeof(HandlerCatalog).Assembly.GetTypes()
            .Where(t => t is { IsClass: true, IsAbstract: false } && typeof(IApiHandler).IsAssignableFrom(t)
                && (security || !typeof(ISecurityApiHandler).IsAssignableFrom(t)))
            .Select(t => (IApiHandler)Activator.CreateInstance(t)!);
}
