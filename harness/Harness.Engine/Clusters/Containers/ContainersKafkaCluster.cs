using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Confluent.Kafka;
using DotNet.Testcontainers.Containers;
using Harness.Engine.Clients;
using Harness.Engine.Runs;
using Harness.Engine.Security;

namespace Harness.Engine.Clusters.Containers;

/// <summary>
/// The harness's own broker running in a Docker container (<c>kind: containers</c>, <c>image: harness</c>). Broker
/// faults go through the broker's faults endpoint, as they would for <c>harness broker</c> run by hand; partition
/// leaders are read from Kafka metadata, as for any cluster.
/// </summary>
public sealed class ContainersKafkaCluster : IKafkaCluster, IClusterFaults
{
    private static readonly TimeSpan StatusTimeout = TimeSpan.FromSeconds(1);
    private readonly IContainer _container;
    private readonly HttpClient _control;
    private readonly string _name;
    private readonly Lazy<IAdminClient> _admin;
    private int? _lastUp;

    private ContainersKafkaCluster(string role, IContainer container, string bootstrap, Uri control, int brokers, string? caFile, IReadOnlyDictionary<string, string> clientSecurity)
    {
        Role = role;
        CaFile = caFile;
        _name = role;
        _container = container;
        BootstrapServers = bootstrap;
        BrokerIds = Enumerable.Range(1, brokers).ToList();
        _lastUp = brokers; // the container was started and waited for: every broker listens
        _control = new HttpClient { BaseAddress = control, Timeout = TimeSpan.FromSeconds(10) };
        _admin = new Lazy<IAdminClient>(() => new AdminClientBuilder(new AdminClientConfig(new Dictionary<string, string>(clientSecurity)) { BootstrapServers = bootstrap, ClientId = "harness-containers" })
            .SetLogHandler(ClientLog.Current.Write).SetErrorHandler(ClientLog.Current.Error).Build());
    }

    public string Role { get; }

    public string Backend => "containers";

    public string BootstrapServers { get; }

    /// <summary>The CA the containerised brokers generated into the run folder, when they listen with TLS.</summary>
    public string? CaFile { get; }

    /// <summary>The container's id, for tests and for operators reading <c>docker ps</c>.</summary>
    public string ContainerId => _container.Id;

    public int? BrokersUp
    {
        get
        {
            // Read once per sample; a faults endpoint that is slow to answer keeps the last known count.
            try
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, "clusters");
                using var timeout = new CancellationTokenSource(StatusTimeout);
                using var response = _control.Send(request, timeout.Token);
                using var document = JsonDocument.Parse(response.Content.ReadAsStream(timeout.Token));
                _lastUp = document.RootElement.EnumerateArray()
                    .Where(c => c.GetProperty("name").GetString() == _name)
                    .SelectMany(c => c.GetProperty("brokers").EnumerateArray())
                    .Count(b => b.GetProperty("status").GetString() != "down");
            }
            catch (Exception e) when (e is HttpRequestException or OperationCanceledException or JsonException)
            {
                // Keep the last answer.
            }

            return _lastUp;
        }
    }

    public IClusterFaults Faults => this;

    public IReadOnlyList<int> BrokerIds { get; }

    /// <summary>Starts <paramref name="brokers"/> brokers in a container, listening as <paramref name="security"/> says.</summary>
    /// <param name="role">"source" or "target".</param>
    /// <param name="brokers">Brokers in the cluster.</param>
    /// <param name="security">The cluster's <c>security:</c>.</param>
    /// <param name="folder">Where the generated CA goes (the run folder); null: a temporary folder.</param>
    /// <param name="cancellation">Cancels the start.</param>
    /// <exception cref="Runs.HarnessException">No Docker engine, no base image, a secret unreadable, or the container failed.</exception>
    public static async Task<ContainersKafkaCluster> StartAsync(string role, int brokers, SecuritySpec security, string? folder, CancellationToken cancellation)
    {
        var listeners = ContainerBrokerSecurity.For(security, role, folder);
        DockerEngine.ConfigureTestcontainers();
        DockerEngine.Require(role);
        var (container, bootstrap, control) = await HarnessBrokerContainer.StartAsync(role, brokers, listeners, cancellation).ConfigureAwait(false);
        if (listeners.CaFile is { } ca && !File.Exists(ca))
        {
            await container.DisposeAsync().ConfigureAwait(false);
            throw new HarnessException($"the {role} cluster's container started but wrote no CA to {ca}; check that the folder is writable by the container");
        }

        // Its own admin client (leaders for faults) reaches the brokers as every other client of the run does.
        var clients = ClientSecurity.Resolve(security, role, listeners.CaFile).Librdkafka();
        return new ContainersKafkaCluster(role, container, bootstrap, control, brokers, listeners.CaFile, clients);
    }

    public int LeaderOf(string topic, int partition)
    {
        var metadata = _admin.Value.GetMetadata(topic, TimeSpan.FromSeconds(5));
        return metadata.Topics.Single().Partitions.Single(p => p.PartitionId == partition).Leader;
    }

    public void KillBroker(int brokerId) => Post($"clusters/{_name}/brokers/{brokerId}/kill");

    public void RestartBroker(int brokerId) => Post($"clusters/{_name}/brokers/{brokerId}/restart");

    public void HangBroker(int brokerId) => Post($"clusters/{_name}/brokers/{brokerId}/hang");

    public void ResumeBroker(int brokerId) => Post($"clusters/{_name}/brokers/{brokerId}/resume");

    public void SetLatency(int brokerId, TimeSpan latency) =>
        Post(string.Create(CultureInfo.InvariantCulture, $"clusters/{_name}/brokers/{brokerId}/latency?ms={(int)latency.TotalMilliseconds}"));

    public void InjectErrors(string api, short code, int count, int? brokerId) =>
        Post(string.Create(CultureInfo.InvariantCulture, $"clusters/{_name}/errors?api={Uri.EscapeDataString(api)}&code={code}&count={count}{(brokerId is { } b ? $"&broker={b}" : "")}"));

    public int MoveLeader(string topic, int partition)
    {
        using var response = Post(string.Create(CultureInfo.InvariantCulture, $"clusters/{_name}/leader?topic={Uri.EscapeDataString(topic)}&partition={partition}"));
        return response.Content.ReadFromJsonAsync<JsonElement>().GetAwaiter().GetResult().GetProperty("leader").GetInt32();
    }

    public async ValueTask DisposeAsync()
    {
        if (_admin.IsValueCreated)
        {
            _admin.Value.Dispose();
        }

        _control.Dispose();
        await _container.DisposeAsync().ConfigureAwait(false);
    }

    private HttpResponseMessage Post(string path)
    {
        var response = _control.Send(new HttpRequestMessage(HttpMethod.Post, path));
        if (!response.IsSuccessStatusCode)
        {
            var reason = response.Content.ReadAsStringAsync().GetAwaiter().GetResult();
            response.Dispose();
            throw new InvalidOperationException($"the {Role} cluster's faults endpoint refused {path}: {reason}");
        }

        return response;
    }
}
