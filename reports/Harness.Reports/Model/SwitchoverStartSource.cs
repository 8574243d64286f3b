namespace Harness.Reports.Model;

/// <summary>Where a switched-over consumer took its start offset on a target partition from.</summary>
public enum SwitchoverStartSource
{
    /// <summary>The latest MirrorMaker 2 checkpoint of the group and partition (what <c>RemoteClusterUtils.translateOffsets</c> gives).</summary>
    Checkpoint,

    /// <summary>The group's committed offset in the target, written there by <c>sync.group.offsets.enabled</c>.</summary>
    SyncedGroupOffset,

    /// <summary>No translation: where a consumer with <c>auto.offset.reset=earliest</c> starts, the log start.</summary>
    Earliest,
}
