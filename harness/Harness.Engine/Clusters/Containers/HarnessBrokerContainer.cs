using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.RegularExpressions;
using DotNet.Testcontainers.Builders;
using DotNet.Testcontainers.Configurations;
using DotNet.Testcontainers.Containers;
using DotNet.Testcontainers.Images;
using Harness.Engine.Runs;
using Microsoft.Extensions.Logging.Abstractions;

namespace Harness.Engine.Clusters.Containers;

/// <summary>
/// Starts <c>harness broker</c> inside a Docker container through Testcontainers. No image needs building or pulling:
/// any glibc base image (<c>local/debian:bookworm</c> by default, <c>HARNESS_CONTAINER_BASE</c> to change it) gets the
/// host's .NET runtime and the harness's own folder mounted read-only. The container shares the host's network, so
/// the brokers' advertised loopback addresses work unchanged, and the host's process ids, so the broker stops when the
/// harness that started it is gone, even after a SIGKILL.
/// </summary>
internal static partial class HarnessBrokerContainer
{
    private const string DefaultBase = "local/debian:bookworm";

    /// <summary>The label every harness container carries, with the owning process as its value.</summary>
    public const string OwnerLabel = "harness.owner";

    /// <summary>Starts the container and waits until the brokers listen, as <paramref name="security"/> says.</summary>
    /// <returns>The container, the bootstrap servers and the faults endpoint's base URL.</returns>
    public static async Task<(IContainer Container, string Bootstrap, Uri Control)> StartAsync(string role, int brokers, ContainerBrokerSecurity security, CancellationToken cancellation)
    {
        var baseImage = Environment.GetEnvironmentVariable("HARNESS_CONTAINER_BASE") is { Length: > 0 } chosen ? chosen : DefaultBase;
        var app = AppContext.BaseDirectory;
        if (!File.Exists(Path.Combine(app, "harness.dll")))
        {
            throw new HarnessException($"the {role} cluster runs harness.dll in a container, but it is not in {app}; run through the harness CLI (./run.sh)");
        }

        var dotnetRoot = DotnetRoot();
        string[] command = ["broker", "--brokers", brokers.ToString(CultureInfo.InvariantCulture), "--name", role, .. security.Arguments];
        var builder = new ContainerBuilder(baseImage)
            .WithImagePullPolicy(PullPolicy.Never)
            .WithLogger(NullLogger.Instance) // the run's console shows phases, not Testcontainers' chatter
            .WithName($"harness-{role}-{Guid.NewGuid():N}"[..30])
            .WithAutoRemove(true) // a broker that stops with its vanished parent leaves no stopped container behind
            .WithLabel(OwnerLabel, $"{Environment.MachineName}:{Environment.ProcessId}")
            .WithBindMount(dotnetRoot, "/opt/dotnet", AccessMode.ReadOnly)
            .WithBindMount(app.TrimEnd('/'), "/opt/harness", AccessMode.ReadOnly)
            .WithEnvironment("DOTNET_SYSTEM_GLOBALIZATION_INVARIANT", "1")
            .WithEnvironment("DOTNET_CLI_TELEMETRY_OPTOUT", "1")
            .WithEnvironment("HARNESS_PARENT_PID", Environment.ProcessId.ToString(CultureInfo.InvariantCulture))
            .WithEntrypoint("/opt/dotnet/dotnet", "/opt/harness/harness.dll")
            .WithCommand(command)
            .WithCreateParameterModifier(parameters =>
            {
                parameters.HostConfig ??= new Docker.DotNet.Models.HostConfig();
                parameters.HostConfig.NetworkMode = "host";
                parameters.HostConfig.PidMode = "host";
            })
            .WithWaitStrategy(Wait.ForUnixContainer().UntilMessageIsLogged("faults endpoint"));
        foreach (var (name, value) in security.Environment)
        {
            builder = builder.WithEnvironment(name, value);
        }

        if (security.Arguments.Count > 0)
        {
            foreach (var (host, inside) in HostOpenSsl.Files())
            {
                builder = builder.WithBindMount(host, inside, AccessMode.ReadOnly);
            }

            builder = builder.WithEnvironment("LD_LIBRARY_PATH", HostOpenSsl.ContainerFolder);
        }

        if (security.CertificateFolder is { } certificates)
        {
            // The same path inside as outside, so the CA path the broker prints is the one the harness's clients open.
            builder = builder.WithBindMount(certificates, certificates, AccessMode.ReadWrite);
        }

        var container = builder.Build();
        try
        {
            await container.StartAsync(cancellation).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException and not HarnessException)
        {
            await container.DisposeAsync().ConfigureAwait(false);
            throw new HarnessException(e.Message.Contains("No such image", StringComparison.OrdinalIgnoreCase) || e.Message.Contains(baseImage, StringComparison.Ordinal)
                ? $"the {role} cluster's base image {baseImage} is missing; build it with .ci/docker-base-image or set HARNESS_CONTAINER_BASE to a local glibc image"
                : $"the {role} cluster's container did not start: {FirstLine(e.Message)}");
        }

        var (stdout, stderr) = await container.GetLogsAsync(timestampsEnabled: false, ct: cancellation).ConfigureAwait(false);
        var bootstrap = BootstrapLine().Match(stdout);
        var control = ControlLine().Match(stderr);
        if (!bootstrap.Success || !control.Success)
        {
            await container.DisposeAsync().ConfigureAwait(false);
            throw new HarnessException($"the {role} cluster's container started but did not print its addresses: {FirstLine(stderr + stdout)}");
        }

        return (container, bootstrap.Groups[1].Value.Trim(), new Uri(control.Groups[1].Value));
    }

    /// <summary>The folder holding the <c>dotnet</c> muxer and <c>shared/</c> of the running runtime.</summary>
    private static string DotnetRoot()
    {
        // .../dotnet/shared/Microsoft.NETCore.App/10.0.x/ → .../dotnet
        var runtime = new DirectoryInfo(RuntimeEnvironment.GetRuntimeDirectory().TrimEnd('/'));
        return runtime.Parent?.Parent?.Parent?.FullName ?? throw new HarnessException($"cannot find the .NET root above {runtime.FullName}");
    }

    private static string FirstLine(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault() ?? "no output";

    [GeneratedRegex(@"^[^=\s]+=(\S+)\s*$", RegexOptions.Multiline)]
    private static partial Regex BootstrapLine();

    [GeneratedRegex(@"faults endpoint (http://\S+/)")]
    private static partial Regex ControlLine();
}
