using Spectre.Console;

namespace Harness.Cli.Output;

/// <summary>
/// Draws a <see cref="LiveViewState"/> in place at the bottom of the terminal, on its own task and at most a few
/// times per second, with new phases and events printed above it. Disposing it draws the last frame, leaves it on
/// screen and gives the cursor back, so whatever is printed next (the summary) starts below it.
/// </summary>
internal sealed class LiveView : IAsyncDisposable
{
    private readonly IAnsiConsole _console;
    private readonly LiveViewState _state;
    private readonly TimeSpan _every;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _drawing;
    private long _drawnVersion = -1;
    private long _drawnSecond = -1;

    private LiveView(IAnsiConsole console, LiveViewState state, TimeSpan every)
    {
        _console = console;
        _state = state;
        _every = every;
        _drawing = Task.Run(DrawAsync);
    }

    /// <summary>Starts drawing <paramref name="state"/> on <paramref name="console"/>.</summary>
    /// <param name="console">A console that is an interactive terminal.</param>
    /// <param name="state">What the run reports.</param>
    /// <param name="every">The shortest time between two redraws.</param>
    public static LiveView Start(IAnsiConsole console, LiveViewState state, TimeSpan every) => new(console, state, every);

    /// <summary>A Spectre console over <paramref name="output"/>, which the caller knows to be a terminal.</summary>
    /// <param name="output">Standard output.</param>
    /// <param name="colour">False for NO_COLOR: the view keeps its layout and drops its colours.</param>
    public static IAnsiConsole Console(TextWriter output, bool colour) => AnsiConsole.Create(new AnsiConsoleSettings
    {
        Ansi = AnsiSupport.Yes,
        ColorSystem = colour ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
        Interactive = InteractionSupport.Yes,
        Out = new AnsiConsoleOutput(output),
    });

    private async Task DrawAsync()
    {
        try
        {
            await _console.Live(LiveViewRenderer.Render(_state.Frame()))
                .AutoClear(false)
                .Overflow(VerticalOverflow.Ellipsis)
                .Cropping(VerticalOverflowCropping.Top)
                .StartAsync(async context =>
                {
                    using var timer = new PeriodicTimer(_every);
                    try
                    {
                        do
                        {
                            Draw(context);
                        }
                        while (await timer.WaitForNextTickAsync(_stop.Token).ConfigureAwait(false));
                    }
                    catch (OperationCanceledException)
                    {
                        // Stopped: the last frame follows.
                    }

                    Draw(context, force: true);
                }).ConfigureAwait(false);
        }
        catch (IOException)
        {
            // The terminal went away (closed window, broken pipe): there is nobody left to draw for, and the run
            // must still finish and write its report.
        }
    }

    private void Draw(LiveDisplayContext context, bool force = false)
    {
        // Lines go through the same console while the display is live, so Spectre prints them above its region.
        if (_state.TakeLines() is { Count: > 0 } lines)
        {
            _console.Write(LiveViewRenderer.Lines(lines));
        }

        var version = _state.Version;
        var frame = _state.Frame();
        var second = (long)frame.Elapsed.TotalSeconds;
        if (!force && version == _drawnVersion && second == _drawnSecond)
        {
            return;
        }

        _drawnVersion = version;
        _drawnSecond = second;
        // UpdateTarget redraws by itself; a Refresh after it would write every frame twice.
        context.UpdateTarget(LiveViewRenderer.Render(frame));
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        await _drawing.ConfigureAwait(false);
        _stop.Dispose();
    }
}
