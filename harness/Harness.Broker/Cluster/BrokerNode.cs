using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using Harness.Broker.Faults;
using Harness.Broker.Network;
using Harness.Broker.Protocol;

namespace Harness.Broker.Cluster;

/// <summary>
/// One logical broker: its own loopback listener and connections over the cluster's shared state. Killing it
/// closes the listener and resets every connection, as a dead process would.
/// </summary>
internal sealed class BrokerNode
{
    private readonly ConcurrentDictionary<BrokerConnection, byte> _connections = new();
    private readonly ConcurrentQueue<ErrorInjection> _errors = new();
    private readonly ConcurrentQueue<ResponseDrop> _drops = new();
    private readonly object _lifecycle = new();
    private Socket? _listener;
    private CancellationTokenSource _stopping = new();
    private TaskCompletionSource _resumed = CompletedSignal();
    private long _internalErrors;

    public BrokerNode(int id, string host, int port, ClusterState cluster, RequestDispatcher dispatcher)
    {
        Id = id;
        Host = host;
        Port = port;
        Cluster = cluster;
        Dispatcher = dispatcher;
    }

    public int Id { get; }

    public string Host { get; }

    public int Port { get; private set; }

    public ClusterState Cluster { get; }

    public RequestDispatcher Dispatcher { get; }

    private volatile BrokerStatus _status = BrokerStatus.Down;

    public BrokerStatus Status
    {
        get => _status;
        private set => _status = value;
    }

    public bool IsUp => Status != BrokerStatus.Down;

    /// <summary>Delay added before every response.</summary>
    public TimeSpan Latency { get; set; }

    public void Start()
    {
        lock (_lifecycle)
        {
            if (_listener is not null)
            {
                return;
            }

            var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            socket.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
            socket.Bind(new IPEndPoint(IPAddress.Parse(Host), Port));
            socket.Listen(512);
            Port = ((IPEndPoint)socket.LocalEndPoint!).Port;
            _listener = socket;
            _stopping = new CancellationTokenSource();
            Status = BrokerStatus.Up;
            _ = AcceptLoopAsync(socket, _stopping.Token);
        }
    }

    public void Stop()
    {
        lock (_lifecycle)
        {
            Status = BrokerStatus.Down;
            _stopping.Cancel();
            _listener?.Dispose();
            _listener = null;
            foreach (var connection in _connections.Keys)
            {
                connection.Reset();
            }

            _resumed.TrySetResult();
        }
    }

    public void Hang()
    {
        lock (_lifecycle)
        {
            if (Status == BrokerStatus.Up)
            {
                _resumed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                Status = BrokerStatus.Hung;
            }
        }
    }

    public void Resume()
    {
        lock (_lifecycle)
        {
            if (Status == BrokerStatus.Hung)
            {
                Status = BrokerStatus.Up;
            }

            _resumed.TrySetResult();
        }
    }

    /// <summary>Completes when the broker answers again (immediately unless hung).</summary>
    public Task WhenAnsweringAsync()
    {
        lock (_lifecycle)
        {
            return _resumed.Task;
        }
    }

    public void ResetConnections()
    {
        foreach (var connection in _connections.Keys)
        {
            connection.Reset();
        }
    }

    public void InjectErrors(ApiKey api, ErrorCode error, int count) => _errors.Enqueue(new ErrorInjection(api, error, count));

    public void DropResponses(int count, ApiKey? api) => _drops.Enqueue(new ResponseDrop(api, count));

    /// <summary>True when the faults API asked to lose the response of this request (the work still happens).</summary>
    public bool TakeDroppedResponse(ApiKey api)
    {
        foreach (var drop in _drops)
        {
            if (drop.TryTake(api))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Requests that failed inside the broker (a bug, not a client's fault); their connections were closed.</summary>
    public long InternalErrors => Interlocked.Read(ref _internalErrors);

    public void ReportInternalError() => Interlocked.Increment(ref _internalErrors);

    /// <summary>Injected errors and lost responses not yet used up.</summary>
    public int PendingFaults => _errors.Sum(e => e.Remaining) + _drops.Sum(d => d.Remaining);

    public ErrorCode TakeInjectedError(ApiKey api)
    {
        foreach (var injection in _errors)
        {
            if (injection.Api == api && injection.TryTake())
            {
                return injection.Error;
            }
        }

        return ErrorCode.None;
    }

    public int ConnectionCount => _connections.Count;

    private async Task AcceptLoopAsync(Socket listener, CancellationToken stopping)
    {
        while (!stopping.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await listener.AcceptAsync(stopping).ConfigureAwait(false);
            }
            catch (Exception) when (stopping.IsCancellationRequested)
            {
                return;
            }
            catch (SocketException)
            {
                continue;
            }
            catch (ObjectDisposedException)
            {
                return;
            }

            client.NoDelay = true;
            var connection = new BrokerConnection(client, this, stopping);
            _connections[connection] = 0;
            _ = RunConnectionAsync(connection);
        }
    }

    private async Task RunConnectionAsync(BrokerConnection connection)
    {
        try
        {
            await connection.RunAsync().ConfigureAwait(false);
        }
        finally
        {
            _connections.TryRemove(connection, out _);
        }
    }

    private static TaskCompletionSource CompletedSignal()
    {
        var signal = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        signal.SetResult();
        return signal;
    }
}
