using System.Security.Cryptography;

namespace Harness.Broker.Security;

/// <summary>One SCRAM variant: its SASL name, hash, and the int8 Kafka's SCRAM credential APIs use for it.</summary>
internal sealed class ScramMechanism
{
    /// <summary>Kafka refuses fewer iterations (and more than <see cref="MaxIterations"/>) for stored credentials.</summary>
    public const int MinIterations = 4096;

    public const int MaxIterations = 16384;

    public static readonly ScramMechanism Sha256 = new(SaslMechanisms.ScramSha256, HashAlgorithmName.SHA256, 32, 1);

    public static readonly ScramMechanism Sha512 = new(SaslMechanisms.ScramSha512, HashAlgorithmName.SHA512, 64, 2);

    private ScramMechanism(string name, HashAlgorithmName hash, int hashBytes, sbyte kafkaType)
    {
        Name = name;
        Hash = hash;
        HashBytes = hashBytes;
        KafkaType = kafkaType;
    }

    public static IReadOnlyList<ScramMechanism> All { get; } = [Sha256, Sha512];

    public string Name { get; }

    public HashAlgorithmName Hash { get; }

    public int HashBytes { get; }

    /// <summary>The ScramMechanism byte of DescribeUserScramCredentials and AlterUserScramCredentials (0 is UNKNOWN).</summary>
    public sbyte KafkaType { get; }

    public static ScramMechanism? FromName(string name) => All.FirstOrDefault(m => m.Name == name);

    public static ScramMechanism? FromKafkaType(sbyte type) => All.FirstOrDefault(m => m.KafkaType == type);

    /// <summary>RFC 5802 Hi(): PBKDF2 with HMAC of this hash, one block.</summary>
    public byte[] SaltPassword(string password, byte[] salt, int iterations) =>
        Rfc2898DeriveBytes.Pbkdf2(password, salt, iterations, Hash, HashBytes);

    /// <summary>The credential a server stores: it can check a proof and sign, but not log in as the user.</summary>
    public ScramCredential CredentialFromSaltedPassword(byte[] saltedPassword, byte[] salt, int iterations)
    {
        var clientKey = Hmac(saltedPassword, "Client Key"u8);
        return new ScramCredential(salt, HashData(clientKey), Hmac(saltedPassword, "Server Key"u8), iterations);
    }

    public byte[] Hmac(byte[] key, ReadOnlySpan<byte> data) => Hash.Name switch
    {
        "SHA256" => HMACSHA256.HashData(key, data),
        _ => HMACSHA512.HashData(key, data),
    };

    public byte[] HashData(ReadOnlySpan<byte> data) => Hash.Name switch
    {
        "SHA256" => SHA256.HashData(data),
        _ => SHA512.HashData(data),
    };
}
