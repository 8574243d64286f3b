using Harness.Cli.Commands;
using Harness.Engine.Runs;

namespace Harness.Cli.Tests.Commands;

public sealed class BrokerSecurityArgumentsTests
{
    private const string Variable = "HARNESS_CLI_TEST_BROKER_PASSWORD";

    [Test]
    public void A_password_given_as_an_env_reference_is_read_from_the_environment_so_no_command_line_carries_it()
    {
        Environment.SetEnvironmentVariable(Variable, "from-the-environment");
        try
        {
            var security = BrokerSecurityArguments.Parse("SASL_PLAINTEXT", "SCRAM-SHA-512", [$"alice:${{env:{Variable}}}"], null, null);

            security!.Users.Should().Equal(new Dictionary<string, string> { ["alice"] = "from-the-environment" });
        }
        finally
        {
            Environment.SetEnvironmentVariable(Variable, null);
        }
    }

    [Test]
    public void An_unset_variable_is_one_line_naming_the_user_and_the_variable_exit_2()
    {
        var parse = () => BrokerSecurityArguments.Parse("SASL_PLAINTEXT", "PLAIN", ["bob:${env:HARNESS_CLI_TEST_NEVER_SET}"], null, null);

        var error = parse.Should().Throw<HarnessException>().Which;
        error.ExitCode.Should().Be(ExitCodes.BadInput);
        error.Message.Should().Be("broker: --user bob: environment variable HARNESS_CLI_TEST_NEVER_SET is not set; export it before the run");
    }
}
