using System.Diagnostics;
using System.Globalization;
using Harness.Bench.Support;

namespace Harness.Load.Bench;

/// <summary>kcat -P from a file: librdkafka with no .NET in the client, the reference the generator is held to.</summary>
internal sealed class KcatRunner : IDisposable
{
    private readonly string _input = Path.Combine(Path.GetTempPath(), $"load-bench-{Environment.ProcessId}.txt");
    private readonly string _libraryFolder = Path.Combine(Path.GetTempPath(), $"load-bench-{Environment.ProcessId}-lib");

    public KcatRunner(BenchOptions options)
    {
        // One printable line per record, value bytes long, so kcat sends the generator's payload size.
        using var writer = new StreamWriter(_input);
        var line = new string('x', options.ValueBytes);
        for (var i = 0; i < options.Records; i++)
        {
            writer.WriteLine(line);
        }
    }

    /// <summary>
    /// The settings both tools send with, beyond the bootstrap servers: the generator's defaults, and librdkafka's
    /// own defaults for the rest spelled out, so neither tool's build or version can quietly differ on them.
    /// </summary>
    public static IReadOnlyList<(string Name, string Value)> Settings { get; } =
    [
        ("enable.idempotence", "true"),
        ("acks", "all"),
        ("linger.ms", "5"),
        ("batch.num.messages", "10000"),
        ("batch.size", "1000000"),
        ("queue.buffering.max.messages", "100000"),
        ("queue.buffering.max.kbytes", "1048576"),
        ("compression.codec", "none"),
        ("message.timeout.ms", "120000"),
    ];

    /// <summary>The generator's librdkafka, when kcat can also run on it (see <see cref="UseGeneratorLibrary"/>).</summary>
    public string? GeneratorLibrary { get; private set; }

    /// <summary>Whether kcat can also run on the generator's librdkafka.</summary>
    public bool HasGeneratorLibrary => GeneratorLibrary is not null;

    /// <summary>kcat's version line for the library it links, or for the generator's when <paramref name="generatorLibrary"/>.</summary>
    public string Version(bool generatorLibrary = false) => KcatVersion.Line(generatorLibrary ? _libraryFolder : null);

    /// <summary>The librdkafka version in <see cref="Version"/>'s line, such as <c>2.0.2</c>; "unknown" when it names none.</summary>
    public string LibraryVersion(bool generatorLibrary = false)
    {
        var words = Version(generatorLibrary).Split(' ');
        var at = Array.IndexOf(words, "librdkafka");
        return at >= 0 && at + 1 < words.Length ? words[at + 1] : "unknown";
    }

    /// <summary>
    /// The librdkafka kcat links, as the dynamic loader resolves it for kcat (<c>ldd</c>) with symbolic links resolved,
    /// the way <c>/proc/PID/maps</c> names it; null when there is no kcat, or the loader does not find its librdkafka.
    /// </summary>
    public static string? LinkedLibrary()
    {
        var kcat = (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Select(folder => Path.Combine(folder, "kcat"))
            .FirstOrDefault(File.Exists);

        // ldd's line: "librdkafka.so.1 => /lib/x86_64-linux-gnu/librdkafka.so.1 (0x...)", or "=> not found".
        var linked = kcat is null ? null : Output("ldd", kcat)?.Split('\n')
            .Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .Where(f => f.Length >= 3 && f[0].StartsWith("librdkafka.so", StringComparison.Ordinal) && f[1] == "=>" && f[2].StartsWith('/'))
            .Select(f => f[2])
            .FirstOrDefault();
        return linked is null ? null : Output("realpath", "-e", linked)?.Trim();
    }

    /// <summary>
    /// Lets kcat run on the librdkafka this process loaded for the generator (librdkafka.redist's build, usually
    /// newer than the distribution's that kcat links): a folder holding it under kcat's soname, for LD_LIBRARY_PATH.
    /// Call after the generator has run once, so the library is loaded.
    /// </summary>
    public void UseGeneratorLibrary()
    {
        var loaded = GeneratorRunner.LoadedLibraries().FirstOrDefault();
        if (loaded is null)
        {
            return;
        }

        Directory.CreateDirectory(_libraryFolder);
        var link = Path.Combine(_libraryFolder, "librdkafka.so.1");
        File.Delete(link);
        File.CreateSymbolicLink(link, loaded);
        GeneratorLibrary = loaded;
    }

    /// <summary>
    /// Sends the file with <see cref="Settings"/>; with <paramref name="stampSizedHeader"/>, every record also carries
    /// a 41-byte header named like the harness's stamp, which is the generator's extra work per record as far as
    /// librdkafka and the broker are concerned; with <paramref name="generatorLibrary"/>, on the generator's librdkafka.
    /// </summary>
    public async Task<(TimeSpan Elapsed, TimeSpan Cpu)> ProduceAsync(string bootstrapServers, string topic, CancellationToken cancellation, bool stampSizedHeader = false, bool generatorLibrary = false)
    {
        var header = stampSizedHeader ? $"-H hx-stamp={new string('s', 41)} " : string.Empty;
        var settings = string.Join(' ', Settings.Select(s => $"-X {s.Name}={s.Value}"));

        // bash's `times` prints the CPU time of its finished children, which .NET cannot read after a child exits.
        var environment = generatorLibrary ? new Dictionary<string, string> { ["LD_LIBRARY_PATH"] = _libraryFolder } : null;
        var (elapsed, output) = await TimedCommand.RunAsync($"kcat -b {bootstrapServers} -P -t {topic} {header}{settings} -l {_input} && times", environment, cancellation);
        var children = output.Split('\n', StringSplitOptions.RemoveEmptyEntries)[^1].Split(' ');
        return (elapsed, ParseTimes(children[0]) + ParseTimes(children[1]));
    }

    /// <summary>A command's standard output (its errors go to ours); null when it cannot start or fails.</summary>
    private static string? Output(string file, params string[] arguments)
    {
        var info = new ProcessStartInfo(file, arguments) { UseShellExecute = false, RedirectStandardOutput = true };
        try
        {
            using var process = Process.Start(info);
            var text = process?.StandardOutput.ReadToEnd();
            process?.WaitForExit();
            return process?.ExitCode == 0 ? text : null;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            // Not installed.
            return null;
        }
    }

    /// <summary>Reads bash's <c>0m1.234s</c>.</summary>
    private static TimeSpan ParseTimes(string text)
    {
        var m = text.IndexOf('m', StringComparison.Ordinal);
        var minutes = int.Parse(text[..m], CultureInfo.InvariantCulture);
        var seconds = double.Parse(text[(m + 1)..^1], CultureInfo.InvariantCulture);
        return TimeSpan.FromSeconds((minutes * 60) + seconds);
    }

    public void Dispose()
    {
        File.Delete(_input);
        if (Directory.Exists(_libraryFolder))
        {
            Directory.Delete(_libraryFolder, recursive: true);
        }
    }
}
