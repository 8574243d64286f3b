using System.Runtime.InteropServices;

namespace Harness.Engine.Clusters.Containers;

/// <summary>
/// The host's OpenSSL 3 libraries, for a container that runs the host's .NET: .NET's TLS, SCRAM and certificate code
/// loads <c>libssl.so.3</c>, which a minimal base image (debootstrap's minbase) lacks. Mounted like the runtime itself,
/// so the image still needs no building; both need a base image whose glibc is as new as the host's.
/// </summary>
internal static class HostOpenSsl
{
    /// <summary>Where the libraries are mounted in the container; it goes first on <c>LD_LIBRARY_PATH</c>.</summary>
    public const string ContainerFolder = "/opt/harness-openssl";

    private static readonly string[] Libraries = ["libssl.so.3", "libcrypto.so.3"];

    /// <summary>Each library's host file and its path in the container; empty when the host has none where looked.</summary>
    public static IReadOnlyList<(string Host, string Container)> Files()
    {
        var triplet = RuntimeInformation.ProcessArchitecture == Architecture.Arm64 ? "aarch64-linux-gnu" : "x86_64-linux-gnu";
        string[] folders = [$"/lib/{triplet}", $"/usr/lib/{triplet}", "/usr/lib64", "/lib64", "/usr/lib", "/lib"];
        var found = new List<(string, string)>();
        foreach (var library in Libraries)
        {
            var file = folders.Select(f => Path.Combine(f, library)).FirstOrDefault(File.Exists);
            if (file is null)
            {
                return [];
            }

            // A bind mount of a symbolic link would mount the link's target path inside the container, which is not there.
            var target = new FileInfo(file).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? file;
            found.Add((target, $"{ContainerFolder}/{library}"));
        }

        return found;
    }
}
