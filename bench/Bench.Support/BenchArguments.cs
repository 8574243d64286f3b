using System.Globalization;

namespace Harness.Bench.Support;

/// <summary>
/// Walks a benchmark's command line, an option at a time with the values it takes, so every benchmark says "needs a
/// value" and "unknown option" the same way.
/// </summary>
/// <param name="args">The command line after the program name.</param>
public sealed class BenchArguments(IReadOnlyList<string> args)
{
    private int _index = -1;

    /// <summary>The option under the cursor, such as <c>--records</c>.</summary>
    public string Option => args[_index];

    /// <summary>Moves to the next option; false past the last.</summary>
    public bool Next() => ++_index < args.Count;

    /// <summary>The option's value: the next argument.</summary>
    public string Value() => _index + 1 < args.Count ? args[++_index] : throw new ArgumentException($"{Option} needs a value");

    /// <summary>The option's value as a whole number.</summary>
    public int Int()
    {
        var option = Option;
        var text = Value();
        return int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number)
            ? number
            : throw new ArgumentException($"{option} needs a whole number, got '{text}'");
    }

    /// <summary>The error for an option the benchmark does not know.</summary>
    public ArgumentException Unknown() => new($"unknown option {Option}");

    /// <summary>
    /// Runs a benchmark's option parser; a bad command line ends the program with one line on stderr and exit code 2,
    /// the way the harness treats bad input, instead of an unhandled exception's stack trace.
    /// </summary>
    public static T ParseOrExit<T>(Func<T> parse)
    {
        ArgumentNullException.ThrowIfNull(parse);
        try
        {
            return parse();
        }
        catch (Exception e) when (e is ArgumentException or FormatException or OverflowException)
        {
            Console.Error.WriteLine($"{AppDomain.CurrentDomain.FriendlyName}: {e.Message} (see the benchmark's README.md for its options)");
            Environment.Exit(2);
            throw; // not reached: Exit does not return
        }
    }
}
