namespace Harness.Load.Bench;

/// <summary>
/// The generator against kcat -P with both on one librdkafka: the comparison librdkafka's version cannot tilt
/// (between the distribution's build and librdkafka.redist's, that version alone moves kcat by about 1.5x).
/// </summary>
/// <param name="Description">The report's words for the pair, such as "Generator on kcat's librdkafka against kcat -P".</param>
/// <param name="Version">The library's version, such as "2.0.2".</param>
/// <param name="GeneratorRate">The generator's median records/s on it; NaN when the generator could not run on it.</param>
/// <param name="KcatRate">kcat -P's median records/s on it.</param>
internal sealed record SameLibraryComparison(string Description, string Version, double GeneratorRate, double KcatRate)
{
    /// <summary>Whether the generator ran on this library (a comparison not measured cannot meet the target).</summary>
    public bool Measured => !double.IsNaN(GeneratorRate);

    public double Ratio => GeneratorRate / KcatRate;
}
