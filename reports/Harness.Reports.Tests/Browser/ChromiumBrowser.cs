using System.Diagnostics;
using System.Text;

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

    private readonly Process _process;
    private readonly DirectoryInfo _profile;
    private readonly StringBuilder _log;

    private ChromiumBrowser(Process process, DirectoryInfo profile, StringBuilder log, CdpConnection connection)
    {
        _process = process;
        _profile = profile;
        _log = log;
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
        var info = new ProcessStartInfo(executable)
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        foreach (var flag in Flags)
        {
            info.ArgumentList.Add(flag);
        }

        info.ArgumentList.Add("--user-data-dir=" + profile.FullName);
        info.ArgumentList.Add("about:blank");

        var log = new StringBuilder();
        var listening = new TaskCompletionSource<Uri>(TaskCreationOptions.RunContinuationsAsynchronously);
        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        process.ErrorDataReceived += (_, e) =>
        {
            lock (log)
            {
                log.AppendLine(e.Data);
            }

            // The line carries the whole endpoint; DevToolsActivePort may still be half written when it appears.
            if (e.Data?.StartsWith(ListeningLine, StringComparison.Ordinal) == true)
            {
                listening.TrySetResult(new Uri(e.Data[ListeningLine.Length..].Trim()));
            }
        };
        process.OutputDataReceived += (_, _) => { };
        process.Exited += (_, _) => listening.TrySetException(
            new InvalidOperationException($"Chromium ({executable}) exited before it listened for DevTools:\n{Text(log)}"));
        process.Start();
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();

        try
        {
            var endpoint = await listening.Task.WaitAsync(CdpConnection.CommandTimeout);
            var connection = await CdpConnection.ConnectAsync(endpoint);
            return new ChromiumBrowser(process, profile, log, connection);
        }
        catch (Exception e) when (e is TimeoutException or IOException or System.Net.WebSockets.WebSocketException)
        {
            Stop(process);
            profile.Delete(recursive: true);
            throw new InvalidOperationException($"Chromium ({executable}) did not start a DevTools endpoint:\n{Text(log)}", e);
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
        using (var exited = new CancellationTokenSource(TimeSpan.FromSeconds(10)))
        {
            try
            {
                await _process.WaitForExitAsync(exited.Token);
            }
            catch (OperationCanceledException)
            {
                Stop(_process);
            }
        }

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

    public override string ToString() => Text(_log);

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

    private static void Stop(Process process)
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
        }
    }

    private static string Text(StringBuilder log)
    {
        lock (log)
        {
            return log.ToString();
        }
    }
}
