using System.Net.Sockets;
using System.Text;
using Harness.Engine.Runs;

namespace Harness.Engine.Clusters.Containers;

/// <summary>
/// What the <c>containers</c> backend needs from the machine: a Docker engine that answers, and Testcontainers set up
/// for an engine without a registry (Debian 12's engine speaks API 1.41, and the Ryuk reaper image cannot be pulled).
/// </summary>
internal static class DockerEngine
{
    private const string DefaultSocket = "/var/run/docker.sock";

    /// <summary>Sets the Testcontainers defaults this machine needs, unless the user set them.</summary>
    public static void ConfigureTestcontainers()
    {
        Default("DOCKER_API_VERSION", "1.41");
        Default("TESTCONTAINERS_RYUK_DISABLED", "true");
        Default("TESTCONTAINERS_HOST_OVERRIDE", "localhost");
    }

    /// <summary>Whether the engine answers <c>/_ping</c> on its Unix socket within <paramref name="timeout"/>.</summary>
    public static bool Answers(TimeSpan timeout) => Ping(timeout) is null;

    /// <summary>Throws a one-line environment error naming the engine and the fix when it does not answer.</summary>
    /// <exception cref="HarnessException">No engine answered.</exception>
    public static void Require(string role)
    {
        if (Ping(TimeSpan.FromSeconds(3)) is { } problem)
        {
            throw new HarnessException($"the {role} cluster needs Docker, but {problem}; install and start an engine (apt-get install -y docker.io; dockerd &) or use kind: embedded");
        }
    }

    private static string? Ping(TimeSpan timeout)
    {
        var host = Environment.GetEnvironmentVariable("DOCKER_HOST");
        var path = host is null ? DefaultSocket : host.StartsWith("unix://", StringComparison.Ordinal) ? host["unix://".Length..] : null;
        if (path is null)
        {
            // A TCP or SSH engine: leave the check to Testcontainers, which reports its own connection errors.
            return null;
        }

        try
        {
            using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
            socket.ReceiveTimeout = (int)timeout.TotalMilliseconds;
            socket.SendTimeout = (int)timeout.TotalMilliseconds;
            var connect = socket.ConnectAsync(new UnixDomainSocketEndPoint(path));
            if (!connect.Wait(timeout))
            {
                return $"no Docker engine answered at unix://{path} within {timeout.TotalSeconds:0} s";
            }

            socket.Send(Encoding.ASCII.GetBytes("GET /_ping HTTP/1.0\r\nHost: docker\r\n\r\n"));
            var buffer = new byte[256];
            var read = socket.Receive(buffer);
            var answer = Encoding.ASCII.GetString(buffer, 0, read);
            return answer.Contains(" 200 ", StringComparison.Ordinal) ? null : $"the Docker engine at unix://{path} answered '{answer.Split('\r')[0]}'";
        }
        catch (Exception e) when (e is SocketException or AggregateException or IOException)
        {
            return $"no Docker engine answers at unix://{path} ({(e.InnerException ?? e).Message})";
        }
    }

    private static void Default(string name, string value)
    {
        if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable(name)))
        {
            Environment.SetEnvironmentVariable(name, value);
        }
    }
}
