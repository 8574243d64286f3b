using System.Globalization;
using System.Text;

namespace Harness.Testing;

/// <summary>
/// A folder laid out like a Kafka distribution whose <c>bin/connect-mirror-maker.sh</c> runs the built-in replicator on
/// the MirrorMaker 2 properties file it is given, and whose <c>bin/connect-distributed.sh</c> runs the built-in Connect
/// REST stand-in (<c>harness-replicator connect</c>) on the worker properties file it is given. No Kafka distribution
/// can be installed where these tests run, so <c>kind: mm2</c> and <c>kind: connect</c> are rehearsed on this stand-in:
/// the driver's side (scripts, properties, environment, signals, REST calls) is real.
/// </summary>
public static class KafkaDistributionStandIn
{
    /// <summary>
    /// Builds the stand-in in a new temporary folder and returns it (its path is the <c>kafkaHome</c> to give the
    /// driver); disposing it removes the stand-in, so dispose it after the run that started its scripts has ended.
    /// Its replicator keeps its progress next to the properties file (the run folder), so a restart resumes, as
    /// MirrorMaker 2 does from its offsets topic, and a new run starts fresh.
    /// </summary>
    /// <param name="replicatorAssembly">harness-replicator.dll, which the script runs with dotnet.</param>
    /// <param name="metricsPort">
    /// When set, the replicator (or the Connect worker, for every connector it runs) serves its Prometheus page on
    /// <c>http://127.0.0.1:N/metrics</c>, under the series names a JMX exporter gives MirrorMaker 2, standing in for the
    /// exporter agent a real deployment adds to the JVM.
    /// </param>
    /// <remarks>
    /// The Connect worker writes its REST port to <c>&lt;worker config name&gt;-state/rest.port</c> next to its worker
    /// config, and keeps its connectors in its config topic, so a worker started again runs them again.
    /// </remarks>
    public static TempFolder Build(string replicatorAssembly, int? metricsPort = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(replicatorAssembly);
        if (metricsPort is not (null or (> 0 and <= 65535)))
        {
            throw new ArgumentOutOfRangeException(nameof(metricsPort), metricsPort, "a TCP port");
        }

        if (OperatingSystem.IsWindows())
        {
            throw new PlatformNotSupportedException("the stand-in is a POSIX shell script, as Kafka's own scripts are");
        }

        if (!File.Exists(replicatorAssembly))
        {
            throw new FileNotFoundException("the built-in replicator is not built", replicatorAssembly);
        }

        var home = TempFolder.Create("kafka-stand-in-");
        var bin = Directory.CreateDirectory(Path.Combine(home.FullName, "bin")).FullName;
        var metricsOption = metricsPort is { } port ? " --metrics-port " + port.ToString(CultureInfo.InvariantCulture) : "";
        var dotnet = DotnetHost();
        var assembly = Path.GetFullPath(replicatorAssembly);
        WriteScript(Path.Combine(bin, "connect-mirror-maker.sh"), Script(dotnet, assembly, metricsOption));
        WriteScript(Path.Combine(bin, "connect-distributed.sh"), ConnectScript(dotnet, assembly, metricsOption));
        return home;
    }

    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    private static void WriteScript(string path, string text)
    {
        File.WriteAllText(path, text, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute);
    }

    // exec, so the harness's SIGTERM, SIGSTOP and SIGKILL reach the replicator itself. -Xmx becomes the .NET runtime's
    // hard heap limit (hexadecimal bytes), and harness.records.on.heap holds the records awaiting the target's
    // acknowledgement on that heap (up to a Java producer's buffer.memory), where MirrorMaker 2's Java clients hold them:
    // a small heap under a slow target then runs out as the JVM's would.
    private static string Script(string dotnet, string assembly, string metricsOption) => $$"""
        #!/bin/sh
        # Stand-in for Kafka's bin/connect-mirror-maker.sh, written by the harness's tests: it runs the built-in
        # replicator on the MirrorMaker 2 properties file given as the first argument.
        set -eu
        config="$1"
        run_dir=$(cd "$(dirname "$config")" && pwd)
        for option in ${KAFKA_HEAP_OPTS:-}; do
          case "$option" in
            -Xmx*)
              size=${option#-Xmx}
              case "$size" in
                *[gG]) bytes=$(( ${size%?} * 1073741824 )) ;;
                *[mM]) bytes=$(( ${size%?} * 1048576 )) ;;
                *[kK]) bytes=$(( ${size%?} * 1024 )) ;;
                *) bytes=$size ;;
              esac
              DOTNET_GCHeapHardLimit=$(printf '%X' "$bytes")
              export DOTNET_GCHeapHardLimit
              ;;
          esac
        done
        echo "connect-mirror-maker.sh stand-in: $config, KAFKA_HEAP_OPTS=${KAFKA_HEAP_OPTS:-unset}, DOTNET_GCHeapHardLimit=${DOTNET_GCHeapHardLimit:-unset}"
        exec {{Quote(dotnet)}} {{Quote(assembly)}} --config "$config" --state-dir "$run_dir/mm2-stand-in-state" --set harness.records.on.heap=true{{metricsOption}}

        """;

    // The same heap handling as connect-mirror-maker.sh; the state folder is named after the worker config, so two
    // workers configured side by side in one folder never share a rest.port file.
    private static string ConnectScript(string dotnet, string assembly, string metricsOption) => $$"""
        #!/bin/sh
        # Stand-in for Kafka's bin/connect-distributed.sh, written by the harness's tests: it runs the built-in Connect
        # REST stand-in (harness-replicator connect) on the worker properties file given as the first argument.
        set -eu
        config="$1"
        run_dir=$(cd "$(dirname "$config")" && pwd)
        name=$(basename "$config" .properties)
        for option in ${KAFKA_HEAP_OPTS:-}; do
          case "$option" in
            -Xmx*)
              size=${option#-Xmx}
              case "$size" in
                *[gG]) bytes=$(( ${size%?} * 1073741824 )) ;;
                *[mM]) bytes=$(( ${size%?} * 1048576 )) ;;
                *[kK]) bytes=$(( ${size%?} * 1024 )) ;;
                *) bytes=$size ;;
              esac
              DOTNET_GCHeapHardLimit=$(printf '%X' "$bytes")
              export DOTNET_GCHeapHardLimit
              ;;
          esac
        done
        echo "connect-distributed.sh stand-in: $config, KAFKA_HEAP_OPTS=${KAFKA_HEAP_OPTS:-unset}, DOTNET_GCHeapHardLimit=${DOTNET_GCHeapHardLimit:-unset}"
        exec {{Quote(dotnet)}} {{Quote(assembly)}} connect --worker-config "$config" --state-dir "$run_dir/$name-state"{{metricsOption}}

        """;

    private static string Quote(string text) => "'" + text.Replace("'", "'\\''", StringComparison.Ordinal) + "'";

    private static string DotnetHost()
    {
        if (Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host))
        {
            return host;
        }

        var current = Environment.ProcessPath;
        return current is not null && Path.GetFileNameWithoutExtension(current) == "dotnet" ? current : "dotnet";
    }
}
