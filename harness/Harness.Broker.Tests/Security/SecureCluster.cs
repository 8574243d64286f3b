using Harness.Broker.Cluster;
using Harness.Broker.Security;

namespace Harness.Broker.Tests.Security;

/// <summary>A secured embedded cluster with users alice and bob, its CA written to a temporary folder removed on dispose.</summary>
internal sealed class SecureCluster : IAsyncDisposable
{
    public const string AlicePassword = "alice-Secret-9f2c";

    private SecureCluster(EmbeddedCluster cluster, string folder)
    {
        Cluster = cluster;
        Folder = folder;
    }

    public EmbeddedCluster Cluster { get; }

    public string Folder { get; }

    public static SecureCluster Start(SecurityProtocol protocol, string name = "secure", bool strictScramNonce = false)
    {
        var folder = Directory.CreateTempSubdirectory("harness-security-").FullName;
        var cluster = EmbeddedCluster.Start(new EmbeddedClusterOptions
        {
            Name = name,
            Security = new BrokerSecurity
            {
                Protocol = protocol,
                Users = new Dictionary<string, string> { ["alice"] = AlicePassword, ["bob"] = "bob-secret" },
                CertificateFolder = folder,
                StrictScramNonce = strictScramNonce,
                SuperUsers = protocol.UsesSasl() ? ["alice"] : ["alice", "ANONYMOUS"],
            },
        });
        return new SecureCluster(cluster, folder);
    }

    public async ValueTask DisposeAsync()
    {
        await Cluster.DisposeAsync();
        Directory.Delete(Folder, recursive: true);
    }
}
