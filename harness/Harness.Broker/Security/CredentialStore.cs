using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;

namespace Harness.Broker.Security;

/// <summary>
/// The users of one cluster: PLAIN passwords (as Kafka's JAAS <c>user_NAME</c> entries) and SCRAM credentials per
/// mechanism (as Kafka's metadata keeps them, changed by AlterUserScramCredentials). Safe for concurrent use.
/// </summary>
internal sealed class CredentialStore
{
    private readonly ConcurrentDictionary<string, byte[]> _plainPasswords = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<(string Mechanism, string User), ScramCredential> _scram = new();

    public CredentialStore(BrokerSecurity security)
    {
        foreach (var (user, password) in security.Users)
        {
            _plainPasswords[user] = Encoding.UTF8.GetBytes(password);
            foreach (var mechanism in ScramMechanism.All)
            {
                var salt = RandomNumberGenerator.GetBytes(32);
                var salted = mechanism.SaltPassword(password, salt, security.ScramIterations);
                Upsert(mechanism, user, mechanism.CredentialFromSaltedPassword(salted, salt, security.ScramIterations));
            }
        }
    }

    /// <summary>True when at least one user exists (an authorizer then applies).</summary>
    public bool HasUsers => !_plainPasswords.IsEmpty || !_scram.IsEmpty;

    /// <summary>Checks a PLAIN password in constant time.</summary>
    public bool CheckPlain(string user, ReadOnlySpan<byte> password) =>
        _plainPasswords.TryGetValue(user, out var expected) && CryptographicOperations.FixedTimeEquals(expected, password);

    public ScramCredential? FindScram(ScramMechanism mechanism, string user) => _scram.GetValueOrDefault((mechanism.Name, user));

    public void Upsert(ScramMechanism mechanism, string user, ScramCredential credential) => _scram[(mechanism.Name, user)] = credential;

    public bool Delete(ScramMechanism mechanism, string user) => _scram.TryRemove((mechanism.Name, user), out _);

    /// <summary>Every user with a SCRAM credential, and theirs by mechanism.</summary>
    public IReadOnlyDictionary<string, List<(ScramMechanism Mechanism, int Iterations)>> ScramUsers()
    {
        var users = new SortedDictionary<string, List<(ScramMechanism, int)>>(StringComparer.Ordinal);
        foreach (var ((mechanismName, user), credential) in _scram)
        {
            if (!users.TryGetValue(user, out var list))
            {
                users[user] = list = [];
            }

            list.Add((ScramMechanism.FromName(mechanismName)!, credential.Iterations));
        }

        foreach (var list in users.Values)
        {
            list.Sort((a, b) => a.Item1.KafkaType.CompareTo(b.Item1.KafkaType));
        }

        return users;
    }
}
