using System.Text.Json;

namespace Harness.Reports.Tests.Browser;

/// <summary>
/// One browser tab. It records everything a self-contained report must not do: console errors and warnings,
/// uncaught exceptions, browser log errors (a Content-Security-Policy violation lands there) and every request,
/// so tests can assert that only the file itself was loaded.
/// </summary>
internal sealed class BrowserPage : IAsyncDisposable
{
    private static readonly string[] ConsoleProblemTypes = ["error", "assert", "warning"];
    private static readonly string[] LogProblemLevels = ["error", "warning"];

    private readonly CdpConnection _connection;
    private readonly string _targetId;
    private readonly string _sessionId;
    private readonly List<string> _problems = [];
    private readonly List<string> _requests = [];
    private readonly HashSet<string> _loadedDocuments = [];
    private readonly Lock _lock = new();
    private (string LoaderId, TaskCompletionSource Loaded)? _waiting;

    public BrowserPage(CdpConnection connection, string targetId, string sessionId)
    {
        _connection = connection;
        _targetId = targetId;
        _sessionId = sessionId;
        _connection.EventReceived += OnEvent;
    }

    /// <summary>Console errors and warnings, uncaught exceptions and browser log errors, in arrival order.</summary>
    public IReadOnlyList<string> Problems
    {
        get
        {
            lock (_lock)
            {
                return [.. _problems];
            }
        }
    }

    /// <summary>The URL of every request the page made, including the document itself.</summary>
    public IReadOnlyList<string> Requests
    {
        get
        {
            lock (_lock)
            {
                return [.. _requests];
            }
        }
    }

    public async Task EnableAsync()
    {
        await SendAsync("Page.enable");

        // Lifecycle events carry the loader id of their navigation, so a late event of an earlier page cannot be
        // mistaken for the load of the next one.
        await SendAsync("Page.setLifecycleEventsEnabled", new { enabled = true });
        await SendAsync("Runtime.enable");
        await SendAsync("Log.enable");
        await SendAsync("Network.enable");

        // A fixed desktop viewport, so layout checks and screenshots do not depend on the machine.
        await SendAsync("Emulation.setDeviceMetricsOverride", new { width = 1280, height = 900, deviceScaleFactor = 1, mobile = false });
    }

    /// <summary>Loads a local file and waits for its load event. Returns the file URL.</summary>
    public async Task<string> OpenAsync(string path)
    {
        var url = new Uri(Path.GetFullPath(path)).AbsoluteUri;
        var navigation = await SendAsync("Page.navigate", new { url });
        if (navigation.TryGetProperty("errorText", out var error) && error.GetString() is { Length: > 0 } text)
        {
            throw new InvalidOperationException($"Chromium could not open {url}: {text}");
        }

        var loaded = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var loaderId = navigation.GetProperty("loaderId").GetString()!;
        lock (_lock)
        {
            // The load can finish before the answer to Page.navigate arrives.
            if (_loadedDocuments.Contains(loaderId))
            {
                return url;
            }

            _waiting = (loaderId, loaded);
        }

        await loaded.Task.WaitAsync(CdpConnection.CommandTimeout);
        return url;
    }

    /// <summary>Runs an expression in the page and returns its value as JSON; a thrown error fails the test.</summary>
    public async Task<JsonElement> EvaluateAsync(string expression)
    {
        var response = await SendAsync("Runtime.evaluate", new { expression, returnByValue = true, awaitPromise = true });
        if (response.TryGetProperty("exceptionDetails", out var exception))
        {
            throw new InvalidOperationException($"The page script failed: {exception.GetRawText()}");
        }

        return response.GetProperty("result").TryGetProperty("value", out var value) ? value : default;
    }

    public async Task<T> EvaluateAsync<T>(string expression) =>
        (await EvaluateAsync(expression)).Deserialize<T>(JsonSerializerOptions.Web)
        ?? throw new InvalidOperationException($"The page returned null for: {expression}");

    /// <summary>A PNG of the whole page, not just the viewport.</summary>
    public async Task<byte[]> ScreenshotAsync()
    {
        var metrics = await SendAsync("Page.getLayoutMetrics");
        var size = metrics.GetProperty("cssContentSize");
        var clip = new { x = 0, y = 0, width = size.GetProperty("width").GetDouble(), height = size.GetProperty("height").GetDouble(), scale = 1 };
        var shot = await SendAsync("Page.captureScreenshot", new { format = "png", captureBeyondViewport = true, clip });
        return shot.GetProperty("data").GetBytesFromBase64();
    }

    /// <summary>Prints the page as Chromium's print dialog would, with backgrounds, to PDF bytes.</summary>
    public async Task<byte[]> PrintToPdfAsync()
    {
        var pdf = await SendAsync("Page.printToPDF", new { printBackground = true, preferCSSPageSize = true });
        return pdf.GetProperty("data").GetBytesFromBase64();
    }

    /// <summary>Lays the page out at another width, for example a printed page's.</summary>
    public Task SetViewportWidthAsync(int width) =>
        SendAsync("Emulation.setDeviceMetricsOverride", new { width, height = 900, deviceScaleFactor = 1, mobile = false });

    /// <summary>Applies print (or screen) CSS without printing, so print layout can be inspected.</summary>
    public Task EmulateMediaAsync(string media) => SendAsync("Emulation.setEmulatedMedia", new { media });

    /// <summary>Turns page scripts off for the next load: what a reader with JavaScript disabled sees.</summary>
    public Task DisableScriptsAsync() => SendAsync("Emulation.setScriptExecutionDisabled", new { value = true });

    public async ValueTask DisposeAsync()
    {
        _connection.EventReceived -= OnEvent;
        try
        {
            await _connection.SendAsync("Target.closeTarget", new { targetId = _targetId });
        }
        catch (Exception e) when (e is IOException or TimeoutException or CdpException)
        {
            // The browser is going away anyway.
        }
    }

    private Task<JsonElement> SendAsync(string method, object? parameters = null) =>
        _connection.SendAsync(method, parameters, _sessionId);

    private void OnEvent(CdpEvent e)
    {
        if (e.SessionId != _sessionId)
        {
            return;
        }

        lock (_lock)
        {
            switch (e.Method)
            {
                case "Page.lifecycleEvent" when e.Params.GetProperty("name").GetString() == "load":
                    var loaderId = e.Params.GetProperty("loaderId").GetString() ?? "";
                    _loadedDocuments.Add(loaderId);
                    if (_waiting is { } waiting && waiting.LoaderId == loaderId)
                    {
                        waiting.Loaded.TrySetResult();
                    }

                    break;
                case "Network.requestWillBeSent":
                    _requests.Add(e.Params.GetProperty("request").GetProperty("url").GetString() ?? "");
                    break;
                case "Runtime.exceptionThrown":
                    _problems.Add("exception: " + e.Params.GetProperty("exceptionDetails").GetRawText());
                    break;
                case "Runtime.consoleAPICalled" when ConsoleProblemTypes.Contains(e.Params.GetProperty("type").GetString()):
                    _problems.Add($"console.{e.Params.GetProperty("type").GetString()}: {e.Params.GetProperty("args").GetRawText()}");
                    break;
                case "Log.entryAdded" when LogProblemLevels.Contains(e.Params.GetProperty("entry").GetProperty("level").GetString()):
                    var entry = e.Params.GetProperty("entry");
                    _problems.Add($"log {entry.GetProperty("level").GetString()} ({entry.GetProperty("source").GetString()}): {entry.GetProperty("text").GetString()}");
                    break;
                default:
                    break;
            }
        }
    }
}
