using Harness.Broker.Network;
using Harness.Broker.Protocol;

namespace Harness.Broker.Admin;

/// <summary>
/// Kafka served CreateTopics, DeleteTopics and CreatePartitions on the controller only (before KIP-590
/// forwarding); clients send them there and, on NOT_CONTROLLER, refresh metadata and retry.
/// </summary>
internal static class ControllerRequirement
{
    public static AdminError Check(RequestContext context)
    {
        var controller = context.Cluster.ControllerId;
        return context.Broker.Id == controller
            ? AdminError.None
            : new AdminError(ErrorCode.NotController, $"broker {context.Broker.Id} is not the controller; the controller is broker {controller}");
    }
}
