using System.Diagnostics;
using System.Reflection;

namespace Harness.Bench.Support;

/// <summary>Starts the running benchmark's own executable again in one of its child roles (broker, verifier, ...).</summary>
public static class ChildProcess
{
    public static ProcessStartInfo StartInfo(IEnumerable<string> arguments, bool redirectInput)
    {
        var self = Environment.ProcessPath ?? throw new InvalidOperationException("cannot find this executable");
        var info = new ProcessStartInfo(self)
        {
            RedirectStandardInput = redirectInput,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };

        // Under `dotnet run` or `dotnet x-bench.dll` the process is the host: give it the benchmark's assembly again.
        if (Path.GetFileNameWithoutExtension(self) == "dotnet")
        {
            info.ArgumentList.Add(Assembly.GetEntryAssembly()?.Location ?? throw new InvalidOperationException("no entry assembly"));
        }

        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        return info;
    }
}
