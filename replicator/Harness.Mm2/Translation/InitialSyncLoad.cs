namespace Harness.Mm2.Translation;

/// <summary>How an <see cref="OffsetTranslator"/> treats the syncs it reads before its first read to the end.</summary>
public enum InitialSyncLoad
{
    /// <summary>No initial load: translations are available at once and every sync goes into the slots.</summary>
    None,

    /// <summary>
    /// MM2 3.7.1+ when the checkpoint task could read back its earlier checkpoints (KAFKA-15905 / KAFKA-16622):
    /// the whole offset-syncs topic goes into the slots, since those checkpoints keep translations from moving
    /// backwards; translations wait for the end of the topic.
    /// </summary>
    KeepHistory,

    /// <summary>
    /// MM2 when earlier checkpoints could not be read (and every 3.5-3.7.0 start): each sync read before the end
    /// discards the partition's others, so only the latest survives the load; translations wait for the end.
    /// </summary>
    LatestOnly,
}
