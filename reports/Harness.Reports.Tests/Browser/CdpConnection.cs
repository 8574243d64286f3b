using System.Collections.Concurrent;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Harness.Reports.Tests.Browser;

/// <summary>
/// A minimal Chrome DevTools Protocol client over one WebSocket: numbered commands answered by id, and events
/// handed to <see cref="EventReceived"/>. Page sessions share the socket ("flattened" sessions), so one
/// connection drives every tab.
/// </summary>
internal sealed class CdpConnection : IAsyncDisposable
{
    // Generous for a loaded CI machine; a hung browser must fail the test, not hang it.
    public static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(60);

    private readonly ClientWebSocket _socket = new();
    private readonly ConcurrentDictionary<long, TaskCompletionSource<JsonElement>> _pending = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly SemaphoreSlim _sendLock = new(1, 1);
    private Task _receiving = Task.CompletedTask;
    private long _nextId;

    public event Action<CdpEvent>? EventReceived;

    public static async Task<CdpConnection> ConnectAsync(Uri endpoint)
    {
        var connection = new CdpConnection();
        using var timeout = new CancellationTokenSource(CommandTimeout);
        await connection._socket.ConnectAsync(endpoint, timeout.Token);
        connection._receiving = Task.Run(connection.ReceiveAsync);
        return connection;
    }

    public async Task<JsonElement> SendAsync(string method, object? parameters = null, string? sessionId = null)
    {
        var id = Interlocked.Increment(ref _nextId);
        var answer = new TaskCompletionSource<JsonElement>(TaskCreationOptions.RunContinuationsAsynchronously);
        _pending[id] = answer;
        var message = new JsonObject { ["id"] = id, ["method"] = method };
        if (parameters is not null)
        {
            message["params"] = JsonSerializer.SerializeToNode(parameters);
        }

        if (sessionId is not null)
        {
            message["sessionId"] = sessionId;
        }

        try
        {
            await _sendLock.WaitAsync(_stop.Token);
            try
            {
                await _socket.SendAsync(Encoding.UTF8.GetBytes(message.ToJsonString()), WebSocketMessageType.Text, true, _stop.Token);
            }
            finally
            {
                _sendLock.Release();
            }

            return await answer.Task.WaitAsync(CommandTimeout);
        }
        catch (TimeoutException e)
        {
            throw new TimeoutException($"Chromium did not answer {method} within {CommandTimeout.TotalSeconds} s.", e);
        }
        finally
        {
            _pending.TryRemove(id, out _);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await _receiving;
        }
        catch (OperationCanceledException)
        {
        }

        _socket.Abort();
        _socket.Dispose();
        _stop.Dispose();
        _sendLock.Dispose();
    }

    private async Task ReceiveAsync()
    {
        var buffer = new byte[64 * 1024];
        using var message = new MemoryStream();
        Exception closed = new IOException("The DevTools connection closed.");
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                var received = await _socket.ReceiveAsync(buffer, _stop.Token);
                if (received.MessageType == WebSocketMessageType.Close)
                {
                    break;
                }

                message.Write(buffer, 0, received.Count);
                if (received.EndOfMessage)
                {
                    Dispatch(message.GetBuffer().AsMemory(0, (int)message.Length));
                    message.SetLength(0);
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
        catch (WebSocketException e)
        {
            closed = new IOException("The DevTools connection failed.", e);
        }
        finally
        {
            foreach (var pending in _pending.Values)
            {
                pending.TrySetException(closed);
            }
        }
    }

    private void Dispatch(ReadOnlyMemory<byte> json)
    {
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        if (root.TryGetProperty("id", out var id))
        {
            if (_pending.TryRemove(id.GetInt64(), out var answer))
            {
                if (root.TryGetProperty("error", out var error))
                {
                    answer.TrySetException(new CdpException($"DevTools error: {error.GetRawText()}"));
                }
                else
                {
                    answer.TrySetResult(root.TryGetProperty("result", out var result) ? result.Clone() : default);
                }
            }

            return;
        }

        var method = root.GetProperty("method").GetString() ?? "";
        var session = root.TryGetProperty("sessionId", out var s) ? s.GetString() : null;
        var parameters = root.TryGetProperty("params", out var p) ? p.Clone() : default;
        EventReceived?.Invoke(new CdpEvent(method, session, parameters));
    }
}
