using System.Text.RegularExpressions;

namespace Harness.Engine.Capture;

/// <summary>
/// Topics a capture leaves out because a migration does not replicate them: what MirrorMaker 2's default
/// <c>topics.exclude</c> leaves out (<c>.*[-.]internal</c>, <c>.*\.replica</c>, <c>__.*</c>) and its own
/// heartbeats, checkpoints and offset-syncs topics.
/// </summary>
internal static partial class InternalTopics
{
    public static bool IsInternal(string topic) => Excluded().IsMatch(topic);

    [GeneratedRegex(@"^(__.*|.*[-.]internal|.*\.replica|(.*\.)?heartbeats|mm2-.*)$")]
    private static partial Regex Excluded();
}
