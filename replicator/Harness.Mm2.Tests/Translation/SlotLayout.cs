using Harness.Mm2.Translation;

namespace Harness.Mm2.Tests.Translation;

/// <summary>
/// Writes a partition's slots the way the hand working in the tests does: runs of slots holding the same sync, each
/// as <c>first-last:upstream</c> (or <c>slot:upstream</c>), e.g. <c>0:8 1:7 2:6 3:4 4-63:0</c>.
/// </summary>
internal static class SlotLayout
{
    public static string Of(OffsetTranslator translator, TopicPartition partition)
    {
        var slots = translator.Slots(partition);
        var runs = new List<string>();
        var start = 0;
        for (var slot = 1; slot <= slots.Count; slot++)
        {
            if (slot < slots.Count && ReferenceEquals(slots[slot], slots[start]))
            {
                continue;
            }

            var range = slot - 1 == start ? $"{start}" : $"{start}-{slot - 1}";
            runs.Add($"{range}:{slots[start].UpstreamOffset}");
            start = slot;
        }

        return string.Join(' ', runs);
    }
}
