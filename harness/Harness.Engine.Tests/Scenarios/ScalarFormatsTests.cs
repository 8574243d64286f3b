using Harness.Engine.Scenarios;

namespace Harness.Engine.Tests.Scenarios;

public sealed class ScalarFormatsTests
{
    [TestCase("500ms", 0.5)]
    [TestCase("30s", 30)]
    [TestCase("5m", 300)]
    [TestCase("1h", 3600)]
    [TestCase("1m30s", 90)]
    [TestCase("1h 15m", 4500)]
    [TestCase("1.5s", 1.5)]
    [TestCase("30", 30)]
    [TestCase("0.25", 0.25)]
    [TestCase("0", 0)]
    [TestCase("10S", 10)]
    public void Durations_parse(string text, double seconds)
    {
        ScalarFormats.TryParseDuration(text, out var value).Should().BeTrue();
        value.Should().Be(TimeSpan.FromSeconds(seconds));
    }

    [TestCase("")]
    [TestCase("s")]
    [TestCase("-5s")]
    [TestCase("5 seconds")]
    [TestCase("5d")]
    [TestCase("1,5s")]
    [TestCase("NaN")]
    [TestCase("Infinity")]
    public void Bad_durations_do_not_parse(string text) =>
        ScalarFormats.TryParseDuration(text, out _).Should().BeFalse();

    [TestCase("512", 512)]
    [TestCase("1KiB", 1024)]
    [TestCase("1.5 KiB", 1536)]
    [TestCase("2MB", 2_000_000)]
    [TestCase("2MiB", 2 * 1024 * 1024)]
    [TestCase("1kb", 1000)]
    [TestCase("1GiB", 1024L * 1024 * 1024)]
    [TestCase("64B", 64)]
    [TestCase("60_000", 60_000)]
    public void Byte_sizes_parse(string text, long bytes)
    {
        ScalarFormats.TryParseByteSize(text, out var value).Should().BeTrue();
        value.Should().Be(bytes);
    }

    [TestCase("")]
    [TestCase("KiB")]
    [TestCase("-1")]
    [TestCase("1XB")]
    [TestCase("1_")]
    public void Bad_byte_sizes_do_not_parse(string text) =>
        ScalarFormats.TryParseByteSize(text, out _).Should().BeFalse();

    [TestCase("0.1%", 0.001)]
    [TestCase("100%", 1.0)]
    [TestCase("0%", 0.0)]
    [TestCase("12.5 %", 0.125)]
    public void Percentages_parse(string text, double fraction)
    {
        ScalarFormats.TryParsePercent(text, out var value).Should().BeTrue();
        value.Should().BeApproximately(fraction, 1e-15);
    }

    [TestCase("0.1")]
    [TestCase("%")]
    [TestCase("-1%")]
    public void Bad_percentages_do_not_parse(string text) =>
        ScalarFormats.TryParsePercent(text, out _).Should().BeFalse();

    [TestCase(0.5, "500ms")]
    [TestCase(30, "30s")]
    [TestCase(90, "1m30s")]
    [TestCase(3600, "1h")]
    [TestCase(5400, "1h30m")]
    [TestCase(0, "0s")]
    public void Durations_format_as_scenarios_write_them(double seconds, string text)
    {
        ScalarFormats.FormatDuration(TimeSpan.FromSeconds(seconds)).Should().Be(text);
        ScalarFormats.TryParseDuration(text, out var back).Should().BeTrue();
        back.Should().Be(TimeSpan.FromSeconds(seconds));
    }

    [Test]
    public void Tolerances_apply_counts_and_fractions()
    {
        Tolerance.Zero.Allows(0, 1000).Should().BeTrue();
        Tolerance.Zero.Allows(1, 1000).Should().BeFalse();
        Tolerance.Count(5).Allows(5, 10).Should().BeTrue();
        Tolerance.Fraction(0.001).Limit(105_000).Should().Be(105);
        Tolerance.Fraction(0.001).Allows(106, 105_000).Should().BeFalse();
        Tolerance.Fraction(0.001).ToString().Should().Be("0.1%");
        Tolerance.Count(100).ToString().Should().Be("100");
    }
}
