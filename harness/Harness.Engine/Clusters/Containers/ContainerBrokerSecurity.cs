using Harness.Engine.Security;
using Kafka = Confluent.Kafka;

namespace Harness.Engine.Clusters.Containers;

/// <summary>
/// A scenario's <c>security:</c> as <c>harness broker</c> options for the broker in a container, the same listeners
/// the embedded backend gives a cluster: the protocol, the one mechanism, the scenario's user as a super user, client
/// certificates requested when the scenario has one. The password travels in the container's environment, named by a
/// <c>${env:...}</c> reference on the command line, so no process's arguments carry it; the CA is written into
/// <see cref="CertificateFolder"/>, mounted at the same path, where the harness's clients read it.
/// </summary>
internal sealed class ContainerBrokerSecurity
{
    /// <summary>The container variable the password travels in.</summary>
    public const string PasswordVariable = "HARNESS_BROKER_PASSWORD";

    private ContainerBrokerSecurity(IReadOnlyList<string> arguments, IReadOnlyDictionary<string, string> environment, string? certificateFolder, string? caFile)
    {
        Arguments = arguments;
        Environment = environment;
        CertificateFolder = certificateFolder;
        CaFile = caFile;
    }

    /// <summary>PLAINTEXT: no options.</summary>
    public static ContainerBrokerSecurity None { get; } = new([], new Dictionary<string, string>(), null, null);

    /// <summary>Options after <c>harness broker</c>.</summary>
    public IReadOnlyList<string> Arguments { get; }

    /// <summary>Variables of the container.</summary>
    public IReadOnlyDictionary<string, string> Environment { get; }

    /// <summary>The host folder mounted read-write at the same path for the CA; null without TLS.</summary>
    public string? CertificateFolder { get; }

    /// <summary>The CA the brokers will write (host path, the same inside the container); null without TLS.</summary>
    public string? CaFile { get; }

    /// <summary>The options for <paramref name="spec"/>; the CA goes to <paramref name="folder"/> (a new temporary folder when null).</summary>
    /// <exception cref="Runs.HarnessException">A secret cannot be read (exit 2), named without its value.</exception>
    public static ContainerBrokerSecurity For(SecuritySpec spec, string role, string? folder)
    {
        ArgumentNullException.ThrowIfNull(spec);
        if (spec.Protocol == Kafka.SecurityProtocol.Plaintext)
        {
            return None;
        }

        var arguments = new List<string> { "--security", ClientSecurity.ProtocolName(spec.Protocol) };
        var environment = new Dictionary<string, string>(StringComparer.Ordinal);
        if (spec.Mechanism is { } mechanism)
        {
            arguments.AddRange(["--mechanism", ClientSecurity.MechanismName(mechanism)]);
        }

        if (spec.Username is { } user && spec.Password is { } password)
        {
            environment[PasswordVariable] = password.Resolve($"clusters.{role}.security.password");
            arguments.AddRange(["--user", $"{user}:${{env:{PasswordVariable}}}"]);
        }

        string? certificates = null;
        string? caFile = null;
        if (spec.UsesTls)
        {
            certificates = Path.GetFullPath(folder ?? Directory.CreateTempSubdirectory("harness-tls-").FullName);
            caFile = Path.Combine(certificates, $"{role}-ca.pem");
            arguments.AddRange(["--certs", certificates, "--client-auth", spec.CertFile is null ? "none" : "requested"]);
        }

        return new ContainerBrokerSecurity(arguments, environment, certificates, caFile);
    }
}
