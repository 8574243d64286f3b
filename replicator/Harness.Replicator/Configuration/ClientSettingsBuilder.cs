namespace Harness.Replicator.Configuration;

/// <summary>Collects the <c>&lt;alias&gt;.*</c> client settings of one cluster into a <see cref="ClusterClientSettings"/>.</summary>
internal sealed class ClientSettingsBuilder
{
    private readonly Dictionary<string, string> _shared = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _common = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _consumer = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _producer = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _admin = new(StringComparer.Ordinal);

    /// <summary>A setting after the alias: bootstrap.servers (read elsewhere), consumer.*, producer.*, admin.* or a client setting.</summary>
    public void Add(string setting, string value, string origin, List<string> warnings)
    {
        if (setting == "bootstrap.servers")
        {
            return;
        }

        foreach (var (prefix, into) in new[] { ("consumer.", _consumer), ("producer.", _producer), ("admin.", _admin) })
        {
            if (setting.StartsWith(prefix, StringComparison.Ordinal))
            {
                ClientPropertyTranslator.Add(setting[prefix.Length..], value, origin, into, warnings);
                return;
            }
        }

        ClientPropertyTranslator.Add(setting, value, origin, _common, warnings);
    }

    /// <summary>A top-level client setting shared by every cluster; a cluster's own setting wins.</summary>
    public void AddShared(string key, string value, string origin, List<string> warnings) =>
        ClientPropertyTranslator.Add(key, value, origin, _shared, warnings);

    public ClusterClientSettings Build()
    {
        var common = new Dictionary<string, string>(_shared, StringComparer.Ordinal);
        foreach (var (key, value) in _common)
        {
            common[key] = value;
        }

        return new ClusterClientSettings { Common = common, Consumer = _consumer, Producer = _producer, Admin = _admin };
    }
}
