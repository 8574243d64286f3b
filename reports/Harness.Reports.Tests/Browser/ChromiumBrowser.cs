using Harness.Testing;

namespace Harness.Reports.Tests.Browser;

/// <summary>
/// A headless Chromium started for the tests with a fresh profile, driven over the DevTools protocol. When no
/// Chromium is installed, <see cref="LaunchAsync"/> throws, so the browser tests fail rather than skip.
/// </summary>
internal sealed class ChromiumBrowser : IAsyncDisposable
{
    private const string ListeningLine = "DevTools listening on ";

    private static readonly string[] Flags =
    [
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--no-first-run", "--no-default-browser-check", "--disable-dev-shm-usage", "--hide-scrollbars", "--mute-audio",
        "--remote-debugging-port=0",
    ];

    private readonly ChildProcess _process;
    private readonly DirectoryInfo _profile;

    private ChromiumBrowser(ChildProcess process, DirectoryInfo profile, CdpConnection connection)
    {
        _process = process;
        _profile = profile;
        Connection = connection;
    }

    public CdpConnection Connection { get; }

    public static async Task<ChromiumBrowser> LaunchAsync()
    {
        var configured = Environment.GetEnvironmentVariable("CHROMIUM_PATH");
        var executable = FindExecutable(configured) ?? throw new InvalidOperationException(
            (string.IsNullOrEmpty(configured)
                ? "Chromium was not found on PATH (chromium, chromium-browser, google-chrome). "
                : $"CHROMIUM_PATH={configured} does not exist. ")
            + "Install Debian's chromium (.ci/install-test-deps does); the report.html tests need a real browser.");

        var profile = Directory.CreateTempSubdirectory("report-tests-chromium-");
        var listening = new TaskCompletionSource<Uri>(TaskCreationOptions.RunContinuationsAsynchronously);
        var process = ChildProcess.Start(executable, [.. Flags, "--user-data-dir=" + profile.FullName, "about:blank"], new ChildProcessOptions
        {
            Name = "Chromium",

            // The line carries the whole endpoint; DevToolsActivePort may still be half written when it appears.
            OnLine = (line, isError) =>
            {
                if (isError && line.StartsWith(ListeningLine, StringComparison.Ordinal))
                {
                    listening.TrySetResult(new Uri(line[ListeningLine.Length..].Trim()));
                }
            },
        });
        _ = process.Exited.ContinueWith(
            _ => listening.TrySetException(new InvalidOperationException($"Chromium ({executable}) exited before it listened for DevTools:\n{process}")),
            TaskScheduler.Default);

        try
        {
            var endpoint = await listening.Task.WaitAsync(CdpConnection.CommandTimeout);
            var connection = await CdpConnection.ConnectAsync(endpoint);
            return new ChromiumBrowser(process, profile, connection);
        }
        catch (Exception e) when (e is TimeoutException or IOException or System.Net.WebSockets.WebSocketException)
        {
            process.Dispose();
            profile.Delete(recursive: true);
            throw new InvalidOperationException($"Chromium ({executable}) did not start a DevTools endpoint:\n{process}", e);
        }
    }

    /// <summary>Opens a new tab with the console, network and page domains enabled.</summary>
    public async Task<BrowserPage> NewPageAsync()
    {
        var target = await Connection.SendAsync("Target.createTarget", new { url = "about:blank" });
        var targetId = target.GetProperty("targetId").GetString()!;
        var attached = await Connection.SendAsync("Target.attachToTarget", new { targetId, flatten = true });
        var page = new BrowserPage(Connection, targetId, attached.GetProperty("sessionId").GetString()!);
        await page.EnableAsync();
        return page;
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await Connection.SendAsync("Browser.close");
        }
        catch (Exception e) when (e is IOException or TimeoutException or CdpException or OperationCanceledException)
        {
            // Already gone or hung: the process is stopped below either way.
        }

        await Connection.DisposeAsync();

        // A browser that has not closed within the grace is killed, with its helpers, by Dispose.
        await _process.TryWaitForExitAsync(TimeSpan.FromSeconds(10));
        _process.Dispose();
        try
        {
            _profile.Delete(recursive: true);
        }
        catch (IOException)
        {
            // A crash handler can still hold a file for a moment; a stray temp folder is harmless.
        }
    }

    public override string ToString() => _process.ToString();

    private static string? FindExecutable(string? configured)
    {
        if (!string.IsNullOrEmpty(configured))
        {
            return File.Exists(configured) ? configured : null;
        }

        var path = Environment.GetEnvironmentVariable("PATH") ?? "";
        return path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .SelectMany(directory => new[] { "chromium", "chromium-browser", "google-chrome" }.Select(name => Path.Combine(directory, name)))
            .FirstOrDefault(File.Exists);
    }
}
