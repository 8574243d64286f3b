namespace Harness.Replicator.Connect;

/// <summary>Connect's names for connector and task states.</summary>
public static class ConnectStates
{
    /// <summary>Not running yet: starting, or stopped between a restart's stop and start.</summary>
    public const string Unassigned = "UNASSIGNED";

    /// <summary>Running.</summary>
    public const string Running = "RUNNING";

    /// <summary>Paused through the REST API.</summary>
    public const string Paused = "PAUSED";

    /// <summary>Stopped on an error; the status carries a trace.</summary>
    public const string Failed = "FAILED";

    /// <summary>About to restart, in the answer to a restart request.</summary>
    public const string Restarting = "RESTARTING";
}
