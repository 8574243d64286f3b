using Spectre.Console.Rendering;

namespace Harness.Cli.Output;

/// <summary>
/// Content that first erases the screen from the cursor down. Spectre prints lines above a live display by moving
/// to the top of the display and writing over it, and only the display itself is padded to its full width: a
/// shorter line would keep the tail of the display's old text beside it.
/// </summary>
internal sealed class ClearedBelow(IRenderable content) : IRenderable
{
    private const string EraseBelow = "\u001b[J";

    public Measurement Measure(RenderOptions options, int maxWidth) => content.Measure(options, maxWidth);

    public IEnumerable<Segment> Render(RenderOptions options, int maxWidth) =>
        [Segment.Control(EraseBelow), .. content.Render(options, maxWidth)];
}
