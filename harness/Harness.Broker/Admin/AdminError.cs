using Harness.Broker.Protocol;

namespace Harness.Broker.Admin;

/// <summary>The outcome of one admin item (topic, resource): an error code and, for errors, a reason.</summary>
internal readonly record struct AdminError(ErrorCode Code, string? Message)
{
    public static AdminError None => default;

    public bool IsError => Code != ErrorCode.None;

    /// <summary>An error the faults API injected; Kafka sends no message with a bare error code, neither do we.</summary>
    public static AdminError Injected(ErrorCode code) => new(code, null);
}
