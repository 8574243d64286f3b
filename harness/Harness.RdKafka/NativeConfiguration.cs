namespace Harness.RdKafka;

/// <summary>Builds a librdkafka configuration object from settings, for the native clients.</summary>
internal static unsafe class NativeConfiguration
{
    private const int ErrorBufferSize = 512;

    /// <summary>librdkafka's RD_KAFKA_CONF_UNKNOWN: no such property in the loaded build.</summary>
    private const int Unknown = -2;

    /// <summary>
    /// Settings the harness sets only to go faster, which older librdkafka builds lack (fetch.queue.backoff.ms came
    /// with 2.1.0): skipped where the loaded build does not know them, so <c>HARNESS_LIBRDKAFKA</c> may name an older
    /// build (Debian 12's is 2.0.2). Any other unknown setting is still an error.
    /// </summary>
    private static readonly HashSet<string> TuningOnly = new(StringComparer.Ordinal) { "fetch.queue.backoff.ms" };

    /// <summary>A new configuration holding <paramref name="settings"/>; the caller owns it.</summary>
    /// <param name="settings">librdkafka configuration properties.</param>
    /// <param name="role">"producer" or "consumer", for the error message.</param>
    /// <exception cref="ArgumentException">librdkafka refused a setting.</exception>
    public static nint Create(IEnumerable<KeyValuePair<string, string>> settings, string role)
    {
        var error = stackalloc byte[ErrorBufferSize];
        var conf = LibRdKafka.ConfNew();
        foreach (var (name, value) in settings)
        {
            var result = LibRdKafka.ConfSet(conf, name, value, error, ErrorBufferSize);
            if (result != LibRdKafka.ConfOk && !(result == Unknown && TuningOnly.Contains(name)))
            {
                LibRdKafka.ConfDestroy(conf);
                throw new ArgumentException($"{role} setting {name}={value} refused: {LibRdKafka.Text((nint)error)}", nameof(settings));
            }
        }

        return conf;
    }
}
