using Harness.Engine.Runs;

namespace Harness.Cli.Output;

/// <summary>
/// Where a run reports its progress: the live view when standard output is a terminal a person watches, plain
/// lines everywhere else. Dispose it before printing the summary, so the summary starts below the view.
/// </summary>
internal sealed class ProgressOutput : IAsyncDisposable
{
    // Four redraws a second look live and cost the run next to nothing.
    private static readonly TimeSpan Redraw = TimeSpan.FromMilliseconds(250);
    private readonly LiveView? _view;

    private ProgressOutput(IRunProgress progress, LiveView? view)
    {
        Progress = progress;
        _view = view;
    }

    /// <summary>What the engine reports to.</summary>
    public IRunProgress Progress { get; }

    /// <summary>Chooses the output for <paramref name="output"/>.</summary>
    /// <param name="output">Standard output.</param>
    /// <param name="outputRedirected">Whether standard output is a file or pipe.</param>
    /// <param name="environment">Reads an environment variable (null when unset).</param>
    public static ProgressOutput Open(TextWriter output, bool outputRedirected, Func<string, string?> environment)
    {
        if (!LiveViewPolicy.Wanted(outputRedirected, environment))
        {
            return new ProgressOutput(new ConsoleProgress(output), null);
        }

        var state = new LiveViewState();
        return new ProgressOutput(state, LiveView.Start(LiveView.Console(output, LiveViewPolicy.Colour(environment)), state, Redraw));
    }

    public ValueTask DisposeAsync() => _view?.DisposeAsync() ?? ValueTask.CompletedTask;
}
