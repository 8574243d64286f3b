using Harness.Broker.Network;
using Harness.Broker.Protocol;

namespace Harness.Broker.Admin;

/// <summary>
/// Broker configs of the embedded cluster come from its options and cannot change while it runs, so config
/// changes on a broker are refused with a reason instead of being accepted and silently ignored.
/// </summary>
internal static class BrokerConfigRefusal
{
    public static AdminError Check(RequestContext context, string name, IEnumerable<string> configNames)
    {
        var error = ConfigResources.CheckBroker(context, name, out _);
        if (error.IsError)
        {
            return error;
        }

        var names = configNames.ToList();
        return names.Count == 0
            ? AdminError.None
            : new AdminError(ErrorCode.InvalidRequest,
                $"Cannot update these configs dynamically: {string.Join(", ", names)}; the embedded cluster's broker configs come from its options and are fixed while it runs");
    }
}
