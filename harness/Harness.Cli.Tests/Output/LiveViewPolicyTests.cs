using Harness.Cli.Output;

namespace Harness.Cli.Tests.Output;

public sealed class LiveViewPolicyTests
{
    [Test]
    public void A_terminal_outside_CI_gets_the_live_view() =>
        LiveViewPolicy.Wanted(outputRedirected: false, Environment(("TERM", "xterm-256color"))).Should().BeTrue();

    [Test]
    public void A_terminal_without_TERM_still_gets_the_live_view_as_Windows_terminals_set_none() =>
        LiveViewPolicy.Wanted(outputRedirected: false, Environment()).Should().BeTrue();

    [Test]
    public void Redirected_output_gets_plain_lines() =>
        LiveViewPolicy.Wanted(outputRedirected: true, Environment(("TERM", "xterm"))).Should().BeFalse();

    [TestCase("true")]
    [TestCase("1")]
    [TestCase("yes")]
    public void CI_gets_plain_lines_even_in_a_terminal(string ci) =>
        LiveViewPolicy.Wanted(outputRedirected: false, Environment(("CI", ci), ("TERM", "xterm"))).Should().BeFalse();

    [TestCase("false")]
    [TestCase("0")]
    [TestCase("")]
    public void CI_switched_off_does_not_count(string ci) =>
        LiveViewPolicy.Wanted(outputRedirected: false, Environment(("CI", ci), ("TERM", "xterm"))).Should().BeTrue();

    [Test]
    public void A_dumb_terminal_gets_plain_lines() =>
        LiveViewPolicy.Wanted(outputRedirected: false, Environment(("TERM", "dumb"))).Should().BeFalse();

    [Test]
    public void NO_COLOR_keeps_the_view_and_drops_its_colours()
    {
        var environment = Environment(("NO_COLOR", "1"), ("TERM", "xterm"));

        LiveViewPolicy.Wanted(outputRedirected: false, environment).Should().BeTrue();
        LiveViewPolicy.Colour(environment).Should().BeFalse();
        LiveViewPolicy.Colour(Environment(("NO_COLOR", ""))).Should().BeTrue("no-color.org: an empty NO_COLOR does not count");
    }

    private static Func<string, string?> Environment(params (string Name, string Value)[] variables) =>
        name => variables.Where(v => v.Name == name).Select(v => v.Value).FirstOrDefault();
}
