using System.Reflection;
using System.Runtime.InteropServices;

namespace Harness.RdKafka;

/// <summary>
/// Finds librdkafka for <see cref="LibRdKafka"/> the way Confluent.Kafka finds it: librdkafka.redist ships several
/// Linux builds, and the default one needs libsasl2, which a slim Debian lacks; the CentOS 8 build carries its own
/// dependencies. Other libraries of this assembly keep the runtime's default lookup.
/// </summary>
public static class LibraryResolver
{
    /// <summary>
    /// The environment variable naming a librdkafka to load instead of librdkafka.redist's, for the native clients
    /// of this assembly only (Confluent.Kafka's clients keep their own copy): to compare builds or versions, or to
    /// run on a distribution's library.
    /// </summary>
    public const string OverrideVariable = "HARNESS_LIBRDKAFKA";

    private static readonly Lazy<bool> Registration = new(() =>
    {
        NativeLibrary.SetDllImportResolver(typeof(LibraryResolver).Assembly, Resolve);
        return true;
    });

    /// <summary>
    /// Null when <see cref="OverrideVariable"/> is unset or names a loadable librdkafka; otherwise a one-line error
    /// naming the variable and the fix. Programs call it at start-up, so a wrong path stops them before they start
    /// clusters or child processes rather than on the first client's thread.
    /// </summary>
    public static string? CheckOverride()
    {
        if (Environment.GetEnvironmentVariable(OverrideVariable) is not { Length: > 0 } chosen)
        {
            return null;
        }

        if (!NativeLibrary.TryLoad(chosen, out var handle))
        {
            return $"{OverrideVariable}={chosen}: cannot load it (no such file, or not a shared library for this platform); point it at a librdkafka.so or unset it to use librdkafka.redist's build";
        }

        var isLibrdkafka = NativeLibrary.TryGetExport(handle, "rd_kafka_version", out _);
        NativeLibrary.Free(handle);
        return isLibrdkafka ? null : $"{OverrideVariable}={chosen}: that library is not librdkafka (it has no rd_kafka_version); point it at a librdkafka.so or unset it";
    }

    /// <summary>
    /// The librdkafka the native clients use, for reports: its version, and the path when <see cref="OverrideVariable"/>
    /// chose it (for example "2.16.0" or "2.0.2 (HARNESS_LIBRDKAFKA=/usr/lib/x86_64-linux-gnu/librdkafka.so.1)").
    /// </summary>
    public static string Describe()
    {
        EnsureRegistered();
        var version = LibRdKafka.Text(LibRdKafka.VersionString());
        return Environment.GetEnvironmentVariable(OverrideVariable) is { Length: > 0 } chosen ? $"{version} ({OverrideVariable}={chosen})" : version;
    }

    /// <summary>Registers the resolver once per process; call before the first librdkafka call.</summary>
    public static void EnsureRegistered() => _ = Registration.Value;

    private static nint Resolve(string name, Assembly assembly, DllImportSearchPath? searchPath)
    {
        if (name != "librdkafka")
        {
            return 0;
        }

        if (Environment.GetEnvironmentVariable(OverrideVariable) is { Length: > 0 } chosen)
        {
            // A library the user named is never swapped for another silently: a benchmark or a bug report would
            // then describe a different librdkafka than the one they asked for.
            return NativeLibrary.TryLoad(chosen, out var own)
                ? own
                : throw new DllNotFoundException($"{OverrideVariable}={chosen}: cannot load it as librdkafka (no such file, or not a shared library for this platform); unset {OverrideVariable} to use librdkafka.redist's build");
        }

        foreach (var candidate in Candidates())
        {
            if (File.Exists(candidate) && NativeLibrary.TryLoad(candidate, out var handle))
            {
                return handle;
            }
        }

        return 0;
    }

    private static IEnumerable<string> Candidates()
    {
        var architecture = RuntimeInformation.ProcessArchitecture.ToString().ToLowerInvariant();
        var (os, files) = OperatingSystem.IsWindows() ? ("win", new[] { "librdkafka.dll" })
            : OperatingSystem.IsMacOS() ? ("osx", ["librdkafka.dylib"])
            : ("linux", ["librdkafka.so", "centos8-librdkafka.so", "alpine-librdkafka.so"]);
        var folders = new[] { AppContext.BaseDirectory, Path.GetDirectoryName(typeof(Confluent.Kafka.Library).Assembly.Location) ?? string.Empty }
            .Where(f => f.Length > 0)
            .Distinct(StringComparer.Ordinal);
        foreach (var folder in folders)
        {
            foreach (var file in files)
            {
                yield return Path.Combine(folder, "runtimes", $"{os}-{architecture}", "native", file);
                yield return Path.Combine(folder, file);
            }
        }
    }
}
