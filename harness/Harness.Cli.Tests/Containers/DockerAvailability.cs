using System.Net.Sockets;
using System.Text;

namespace Harness.Cli.Tests.Containers;

/// <summary>Whether a Docker engine answers here; Docker tests are ignored with the reason when none does.</summary>
internal static class DockerAvailability
{
    private static readonly Lazy<string?> Problem = new(Probe);

    /// <summary>Ignores the calling test, with the reason, when no engine answers or the base image is missing.</summary>
    public static void RequireEngine()
    {
        if (Problem.Value is { } problem)
        {
            Assert.Ignore($"Docker tests need an engine and the base image: {problem}. Run .ci/docker-up (installs docker.io, starts dockerd, builds local/debian:bookworm).");
        }
    }

    private static string? Probe()
    {
        try
        {
            using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
            socket.Connect(new UnixDomainSocketEndPoint("/var/run/docker.sock"));
            socket.Send(Encoding.ASCII.GetBytes("GET /images/local/debian:bookworm/json HTTP/1.0\r\nHost: docker\r\n\r\n"));
            var buffer = new byte[128];
            var answer = Encoding.ASCII.GetString(buffer, 0, socket.Receive(buffer));
            return answer.Contains(" 200 ", StringComparison.Ordinal) ? null : "the image local/debian:bookworm is missing";
        }
        catch (SocketException e)
        {
            return $"no engine at unix:///var/run/docker.sock ({e.Message})";
        }
    }
}
