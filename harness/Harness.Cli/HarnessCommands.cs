using System.CommandLine;
using Harness.Cli.Commands;

namespace Harness.Cli;

/// <summary>Wires the harness's commands.</summary>
internal static class HarnessCommands
{
    public static RootCommand Build()
    {
        var root = new RootCommand("Kafka Migration Harness: rehearse a Kafka migration with a replicator, inject faults, verify parity.")
        {
            RunCommand.Create(),
            ValidateCommand.Create(),
            BrokerCommand.Create(),
            CaptureCommand.Create(),
            ReportCommand.Create(),
            SizeCommand.Create(),
        };
        return root;
    }
}
